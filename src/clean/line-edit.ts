/** An edit found inside one line, in offsets of the text the line belongs to. */
export interface LineEdit {
  start: number;
  end: number;
  /** `""` for a removal. */
  replacement: string;
  kind: string;
}
