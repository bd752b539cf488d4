package dev.periscope.problems;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameLinesTest {

    @Test
    void splits_a_dotnet_frame_into_method_parameters_file_and_line() {
        assertThat(FrameLines.dotNet("   at Api.Orders.Get(Int32 id, String name) in /src/Orders.cs:line 42 "))
                .isEqualTo(new FrameLines.DotNetFrame("Api.Orders.Get", "Int32 id, String name", "/src/Orders.cs", 42));
        assertThat(FrameLines.dotNet("at System.Linq.Enumerable.First[TSource](IEnumerable`1 source)"))
                .isEqualTo(new FrameLines.DotNetFrame("System.Linq.Enumerable.First[TSource]", "IEnumerable`1 source",
                        null, 0));
        assertThat(FrameLines.dotNet("at C:\\src\\a.cs(x) in C:\\src\\a.cs:line 7").file()).isEqualTo("C:\\src\\a.cs");
    }

    @Test
    void a_dotnet_frame_closes_at_the_parenthesis_that_ends_the_line_or_opens_the_file() {
        assertThat(FrameLines.dotNet("at A.B(Func(x)) in f.cs:line 3"))
                .isEqualTo(new FrameLines.DotNetFrame("A.B", "Func(x)", "f.cs", 3));
        assertThat(FrameLines.dotNet("at A.B(x) y")).isNull();
        assertThat(FrameLines.dotNet("at A.B(x) in :line 3")).isNull();
        assertThat(FrameLines.dotNet("at (x)")).isNull();
        assertThat(FrameLines.dotNet("at A.B() in f.cs:line 99999999999").line()).isZero();
    }

    @Test
    void splits_node_frames_named_and_bare() {
        assertThat(FrameLines.node("at buildReceipt (/app/src/receipt.js:27:11)"))
                .isEqualTo(new FrameLines.NodeFrame("buildReceipt", "/app/src/receipt.js", 27));
        assertThat(FrameLines.node("at async Promise.all (index 0)"))
                .isEqualTo(new FrameLines.NodeFrame("Promise.all", "index 0", 0));
        assertThat(FrameLines.node("at new Client (node:net:1:2)"))
                .isEqualTo(new FrameLines.NodeFrame("Client", "node:net", 1));
        assertThat(FrameLines.node("at /app/index.js:5:3")).isEqualTo(new FrameLines.NodeFrame(null, "/app/index.js", 5));
        assertThat(FrameLines.node("at a:b:2")).isEqualTo(new FrameLines.NodeFrame(null, "a:b", 2));
    }

    @Test
    void tells_the_two_node_frame_forms_from_other_lines() {
        assertThat(FrameLines.nodeNamedForm("at f (x)")).isTrue();
        assertThat(FrameLines.nodeNamedForm("at f ()")).isFalse();
        assertThat(FrameLines.nodeNamedForm("at  (x)")).isFalse();
        assertThat(FrameLines.nodeBareForm("at async file.js:1:2")).isTrue();
        assertThat(FrameLines.nodeBareForm("at file.js:1")).isFalse();
        assertThat(FrameLines.nodeBareForm("at :1:2")).isFalse();
        assertThat(FrameLines.nodeBareForm("at a b:1:2")).isFalse();
    }
}
