/**
 * Plain-text tables: columns padded to their widest cell, numbers right-aligned, rule lines between sections.
 * ASCII only, so the output survives any terminal, pipe or log file.
 */

/** One column of a {@link renderTable} table. */
export interface Column {
  header: string;
  /** `right` for numbers (default `left`). */
  align?: 'left' | 'right';
}

/** A table: header row, then sections of rows separated by rule lines. */
export interface Table {
  columns: Column[];
  /** Each section is a list of rows; a rule line is drawn between sections. Rows shorter than the columns are padded. */
  sections: string[][][];
}

/** Gap between columns. */
const GAP = '  ';

/** Display width of a string (code points; the app prints no wide characters). */
export function displayWidth(text: string): number {
  return [...text].length;
}

/** Renders a {@link Table} to lines (no trailing spaces, no trailing newline). */
export function renderTable(table: Table): string[] {
  const { columns, sections } = table;
  const widths = columns.map((column, i) =>
    Math.max(displayWidth(column.header), ...sections.flat().map((row) => displayWidth(row[i] ?? ''))),
  );
  const line = (cells: readonly string[]): string =>
    columns
      .map((column, i) => {
        const cell = cells[i] ?? '';
        const padding = ' '.repeat(widths[i]! - displayWidth(cell));
        return column.align === 'right' ? padding + cell : cell + padding;
      })
      .join(GAP)
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join(GAP);

  const lines = [line(columns.map((c) => c.header)), rule];
  sections.forEach((section, i) => {
    if (i > 0) lines.push(rule);
    for (const row of section) lines.push(line(row));
  });
  return lines;
}
