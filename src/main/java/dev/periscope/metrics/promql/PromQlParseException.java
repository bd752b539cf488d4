package dev.periscope.metrics.promql;

/** The query is not valid PromQL; the message says where and why, with a 1-based line and column. */
public final class PromQlParseException extends RuntimeException {

    private final int offset;
    private final int line;
    private final int column;

    PromQlParseException(String input, int offset, String problem) {
        super(describe(input, offset, problem));
        this.offset = offset;
        int l = 1;
        int c = 1;
        for (int i = 0; i < Math.min(offset, input.length()); i++) {
            if (input.charAt(i) == '\n') {
                l++;
                c = 1;
            } else {
                c++;
            }
        }
        this.line = l;
        this.column = c;
    }

    private static String describe(String input, int offset, String problem) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(offset, input.length()); i++) {
            if (input.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return "line " + line + ", column " + column + ": " + problem;
    }

    /** Character offset of the problem in the query text, 0-based. */
    public int offset() {
        return offset;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
