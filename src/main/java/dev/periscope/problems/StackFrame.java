package dev.periscope.problems;

/**
 * One frame of a stack trace, innermost first within its exception.
 *
 * @param function the function or method, qualified as the language prints it ({@code com.shop.Cart.add},
 *     {@code main.(*Server).handle}); empty when the line could not be read as a frame
 * @param file the source file or path, empty when unknown
 * @param line the line number, 0 when unknown
 * @param module the module, jar or assembly the frame names, empty when none
 * @param raw the line as printed, so nothing is lost when a part was not understood
 * @param inApp true when the frame belongs to the application rather than to a library or the runtime
 */
public record StackFrame(String function, String file, int line, String module, String raw, boolean inApp) {

    static StackFrame unreadable(String raw) {
        return new StackFrame("", "", 0, "", raw, false);
    }

    /** True when the line was understood as a frame. */
    public boolean readable() {
        return !function.isEmpty();
    }

    StackFrame withInApp(boolean value) {
        return new StackFrame(function, file, line, module, raw, value);
    }
}
