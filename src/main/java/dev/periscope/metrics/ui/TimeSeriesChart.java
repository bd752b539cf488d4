package dev.periscope.metrics.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.shared.Registration;
import dev.periscope.metrics.MaskedSeries;
import dev.periscope.metrics.Point;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A uPlot time-series chart of masked series: line, area or stacked, legend with series toggle, hover tooltip,
 * drag to zoom and click on a point. Only masked labels reach the browser.
 */
@Tag("periscope-chart")
@JsModule("./components/periscope-chart.js")
@CssImport("./components/metrics.css")
@NpmPackage(value = "uplot", version = "1.6.32")
class TimeSeriesChart extends Component implements HasSize {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private List<MaskedSeries> shown = List.of();
    private List<ChartLine> lines = List.of();

    TimeSeriesChart(int height) {
        getElement().setAttribute("chart-height", String.valueOf(height));
        addClassName("timeseries-chart");
    }

    void show(List<MaskedSeries> series, ChartKind kind, ChartUnit unit) {
        this.shown = List.copyOf(series);
        showLines(series.stream().map(ChartLine::of).toList(), kind, unit);
    }

    /** Lines that are not Prometheus series, such as log events per level. */
    void showLines(List<ChartLine> lines, ChartKind kind, ChartUnit unit) {
        this.lines = List.copyOf(lines);
        getElement().setProperty("config", lineConfig(lines, kind, unit));
    }

    List<MaskedSeries> shown() {
        return shown;
    }

    /** The chart's width in pixels, as the browser lays it out (for the query step). */
    void width(IntConsumer then) {
        getElement().executeJs("return this.clientWidth").then(Integer.class, w -> then.accept(w == null ? 0 : w));
    }

    /** A click on a point: its time, and the service of the line under the pointer when one was close. */
    Registration addPointClickListener(BiConsumer<Instant, Optional<String>> listener) {
        return getElement().addEventListener("point-click", e -> {
            double time = e.getEventData().get("event.detail.time").asDouble();
            int index = e.getEventData().get("event.detail.series").asInt();
            listener.accept(Instant.ofEpochMilli((long) (time * 1000)),
                    index >= 0 && index < lines.size() ? lines.get(index).service() : Optional.empty());
        }).addEventData("event.detail.time").addEventData("event.detail.series");
    }

    /** A range dragged on the chart. */
    Registration addRangeSelectListener(BiConsumer<Instant, Instant> listener) {
        return getElement().addEventListener("range-select", e -> listener.accept(
                Instant.ofEpochMilli((long) (e.getEventData().get("event.detail.from").asDouble() * 1000)),
                Instant.ofEpochMilli((long) (e.getEventData().get("event.detail.to").asDouble() * 1000))))
                .addEventData("event.detail.from").addEventData("event.detail.to");
    }

    /** uPlot's columnar data: one shared time axis, each series aligned to it with nulls where it has no sample. */
    static String config(List<MaskedSeries> series, ChartKind kind, ChartUnit unit) {
        return lineConfig(series.stream().map(ChartLine::of).toList(), kind, unit);
    }

    static String lineConfig(List<ChartLine> series, ChartKind kind, ChartUnit unit) {
        var times = new TreeSet<Double>();
        for (ChartLine s : series) {
            for (Point p : s.points()) {
                times.add(p.timestamp());
            }
        }
        List<Double> x = new ArrayList<>(times);
        ObjectNode root = JSON.createObjectNode();
        root.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
        root.put("unit", unit.id);
        ArrayNode xs = root.putArray("x");
        x.forEach(xs::add);
        ArrayNode labels = root.putArray("series");
        ArrayNode ys = root.putArray("ys");
        for (ChartLine s : series) {
            labels.add(s.legend());
            ArrayNode y = ys.addArray();
            int i = 0;
            for (double t : x) {
                while (i < s.points().size() && s.points().get(i).timestamp() < t) {
                    i++;
                }
                if (i < s.points().size() && s.points().get(i).timestamp() == t && Double.isFinite(s.points().get(i).value())) {
                    y.add(s.points().get(i).value());
                } else {
                    y.addNull();
                }
            }
        }
        return JSON.writeValueAsString(root);
    }
}
