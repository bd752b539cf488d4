package dev.periscope.problems.ui;

import com.vaadin.flow.component.html.NativeDetails;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.periscope.problems.StackFrame;
import dev.periscope.problems.StackTrace;
import dev.periscope.problems.ThrownException;
import java.util.ArrayList;
import java.util.List;

/**
 * An exception chain: one collapsible section per exception (the root cause open), the application's frames
 * highlighted, and each run of library frames folded into one line that opens on demand.
 */
final class TraceView extends Div {

    TraceView(StackTrace trace) {
        setId("exception-chain");
        addClassName("trace");
        ThrownException root = trace.rootCause();
        for (ThrownException exception : trace.exceptions()) {
            add(section(exception, exception == root));
        }
        if (!trace.notes().isEmpty()) {
            Div notes = new Div(new Span("Read as far as possible: " + String.join(", ", trace.notes()) + "."));
            notes.addClassName("trace-notes");
            add(notes);
        }
    }

    private static NativeDetails section(ThrownException exception, boolean root) {
        Span relation = new Span(exception.relation().label());
        relation.addClassName("relation");
        Span type = new Span(exception.type());
        type.addClassName("exception-type");
        Span message = new Span(exception.message());
        message.addClassName("exception-message");
        Div summary = new Div(relation, type, message);
        summary.addClassName("exception-summary");
        if (root) {
            Span badge = new Span("root cause");
            badge.getElement().getThemeList().add("badge error small");
            summary.add(badge);
        }
        Div frames = new Div();
        frames.addClassName("frames");
        List<StackFrame> library = new ArrayList<>();
        for (StackFrame frame : exception.frames()) {
            if (frame.inApp()) {
                fold(frames, library);
                frames.add(frame(frame));
            } else {
                library.add(frame);
            }
        }
        fold(frames, library);
        if (exception.omitted() > 0) {
            Div more = new Div(new Span("… " + exception.omitted() + " more (shared with the exception above)"));
            more.addClassName("omitted");
            frames.add(more);
        }
        NativeDetails details = new NativeDetails(summary, frames);
        details.addClassName("exception");
        details.getElement().setAttribute("data-nested", String.valueOf(exception.nested()));
        details.setOpen(root || exception.relation() == ThrownException.Relation.THROWN);
        return details;
    }

    private static void fold(Div frames, List<StackFrame> library) {
        if (library.isEmpty()) {
            return;
        }
        Div folded = new Div();
        library.forEach(f -> folded.add(frame(f)));
        NativeDetails details = new NativeDetails(library.size() == 1 ? "1 library frame"
                : library.size() + " library frames", folded);
        details.addClassName("library-frames");
        frames.add(details);
        library.clear();
    }

    private static Div frame(StackFrame frame) {
        Div line = new Div(new Span(frame.raw()));
        line.addClassName("frame");
        line.addClassName(frame.inApp() ? "in-app" : frame.readable() ? "library" : "unreadable");
        return line;
    }
}
