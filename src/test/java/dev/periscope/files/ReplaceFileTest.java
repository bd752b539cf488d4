package dev.periscope.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplaceFileTest {

    @TempDir
    Path dir;

    @Test
    void a_file_is_created_with_its_directory_and_then_replaced_whole() throws IOException {
        Path file = dir.resolve("a/b/state.json");

        ReplaceFile.with(file, "first, and longer".getBytes(StandardCharsets.UTF_8));
        ReplaceFile.with(file, "second".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readString(file)).isEqualTo("second");
        assertThat(names(file.getParent())).containsExactly("state.json");
    }

    @Test
    void a_failed_replace_leaves_the_old_content_and_no_temporary_file() throws IOException {
        // A non-empty directory where the file should be: the move fails after the bytes were written.
        Path file = dir.resolve("taken");
        Files.createDirectories(file.resolve("inside"));

        assertThatThrownBy(() -> ReplaceFile.with(file, new byte[] {1, 2, 3})).isInstanceOf(IOException.class);

        assertThat(names(dir)).containsExactly("taken");
        assertThat(Files.isDirectory(file.resolve("inside"))).isTrue();
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
