package dev.salespipeline.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table: the label columns (the first ones) aligned left, the figures right, two spaces between
 * columns.
 */
final class Table {

    private final List<String[]> rows = new ArrayList<>();
    private final int columns;
    private final int labelColumns;

    /** A table whose first column is its only label column. */
    Table(String... headers) {
        this(1, headers);
    }

    Table(int labelColumns, String... headers) {
        this.columns = headers.length;
        this.labelColumns = labelColumns;
        rows.add(headers);
    }

    /** Adds a row; missing cells stay empty, null cells show as "-". */
    Table row(Object... cells) {
        if (cells.length > columns) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells for " + columns + " columns");
        }
        String[] row = new String[columns];
        Arrays.fill(row, "");
        for (int i = 0; i < cells.length; i++) {
            row[i] = cells[i] == null ? "-" : cells[i].toString();
        }
        rows.add(row);
        return this;
    }

    String render() {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                if (i > 0) {
                    line.append("  ");
                }
                String padding = " ".repeat(widths[i] - row[i].length());
                line.append(i < labelColumns ? row[i] + padding : padding + row[i]);
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }
}
