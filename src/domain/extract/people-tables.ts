/**
 * Staff tables read by their header row: a column headed "Title", "Funktion",
 * "Fonction", "Cargo" or "Functie" holds each row's title; one headed
 * "Department", "Bereich", "Service" or "Afdeling" stands in when there is no
 * title column. Cells are placed on the table's grid, so a department cell
 * spanning several rows (rowspan) or a cell spanning columns (colspan) lands
 * in every place it covers.
 */
import { SEGMENT_BREAK, tokenize } from "../taxonomy/phrases.ts";
import { type Document, type Element, elementChildren, textContent, walkElements } from "./html-tree.ts";

/** Header words, folded as `tokenize` leaves them, of a column holding titles. */
const TITLE_HEADERS = new Set([
  ...["title", "job title", "position", "role", "function", "funktion", "titel", "rolle", "stellung"],
  ...["aufgabe", "aufgaben", "zustandigkeit", "fonction", "poste", "titre", "role", "cargo", "puesto"],
  ...["funcion", "functie", "rol", "taak", "designation", "job"],
]);
/** Header words of a column holding departments: a title only when no title column exists. */
const AREA_HEADERS = new Set([
  ...["department", "area", "bereich", "abteilung", "fachbereich", "service", "departement", "pole"],
  ...["departamento", "seccion", "afdeling", "team", "division", "practice", "practice area"],
]);

/** A header's words as the title lexicons read text (taxonomy/phrases.ts): lower case, accents dropped. */
const fold = (text: string) =>
  tokenize(text)
    .filter((t) => t !== SEGMENT_BREAK)
    .join(" ");
const squash = (text: string) => text.replace(/\s+/g, " ").trim();

/** The table's rows in order, with their cells placed on the grid (spans repeated where they reach). */
function grid(table: Element): { row: Element; cells: Element[] }[] {
  const rows: Element[] = [];
  walkElements(table, (el) => {
    if (el.name === "table" && el !== table) return false;
    if (el.name === "tr") rows.push(el);
    return true;
  });
  const pending: { cell: Element; left: number }[] = []; // by column: a cell still spanning down
  return rows.map((row) => {
    const cells: Element[] = [];
    let column = 0;
    const place = () => {
      while (pending[column] && pending[column]!.left > 0) {
        cells[column] = pending[column]!.cell;
        pending[column]!.left -= 1;
        column += 1;
      }
    };
    for (const cell of elementChildren(row).filter((c) => c.name === "td" || c.name === "th")) {
      place();
      const cols = Math.min(20, Math.max(1, Number.parseInt(cell.attribs.colspan ?? "1", 10) || 1));
      const down = Math.min(100, Math.max(1, Number.parseInt(cell.attribs.rowspan ?? "1", 10) || 1));
      for (let i = 0; i < cols; i++) {
        cells[column] = cell;
        pending[column] = { cell, left: down - 1 };
        column += 1;
      }
    }
    place();
    return { row, cells };
  });
}

/**
 * For every body row of a table with a title (or department) column, that
 * row's cell text there; rows of tables without one are absent.
 */
export function tableTitles(root: Document): Map<Element, { text: string; column: "title" | "area" }> {
  const titles = new Map<Element, { text: string; column: "title" | "area" }>();
  walkElements(root, (table) => {
    if (table.name !== "table") return true;
    const rows = grid(table);
    const headerAt = rows.findIndex(({ cells }) => cells.length > 0 && cells.every((c) => c.name === "th"));
    if (headerAt < 0) return true;
    const headers = rows[headerAt]!.cells.map((c) => fold(textContent(c)));
    const titleColumn = headers.findIndex((h) => TITLE_HEADERS.has(h));
    const column = titleColumn >= 0 ? titleColumn : headers.findIndex((h) => AREA_HEADERS.has(h));
    if (column < 0) return true;
    const kind = titleColumn >= 0 ? "title" : "area";
    for (const { row, cells } of rows.slice(headerAt + 1)) {
      const cell = cells[column];
      const text = cell && cell.name === "td" ? squash(textContent(cell)) : "";
      if (text && text.length <= 120 && !/@|https?:|www\./.test(text) && /\p{L}/u.test(text))
        titles.set(row, { text, column: kind });
    }
    return true;
  });
  return titles;
}
