/**
 * Labels for chart points that cannot overlap whatever the font: they sit in one column beside the
 * plot, each at least `gap` below the one above (a 12 px label is under 16 px tall), as near its
 * point's height as that allows, joined to the point by a leader line. Text width is not known when
 * the page is written, so nothing depends on it except the column's width, which is generous.
 */
export interface LabelColumn {
  /** The label's baseline y, per anchor, in the anchors' order. */
  ys: number[];
  /** The height the column needs: may exceed the plot's when there are many labels. */
  bottom: number;
}

/** Spacing of label baselines for a 12 px font. */
export const LABEL_GAP = 18;

export function stackLabels(anchorYs: readonly number[], top: number, bottom: number, gap = LABEL_GAP): LabelColumn {
  const order = anchorYs.map((_, i) => i).sort((a, b) => anchorYs[a]! - anchorYs[b]! || a - b);
  const ys = new Array<number>(anchorYs.length).fill(0);
  // Down the column: no label above its anchor's height unless pushed, none closer than gap.
  let previous = -Infinity;
  for (const i of order) {
    const y = Math.max(anchorYs[i]! + 4, top + 12, previous + gap);
    ys[i] = y;
    previous = y;
  }
  // Then up from the bottom, so the column stays inside the plot when it can.
  let next = Infinity;
  for (const i of [...order].reverse()) {
    const y = Math.max(top + 12 + order.indexOf(i) * gap, Math.min(ys[i]!, bottom, next - gap));
    ys[i] = y;
    next = y;
  }
  return { ys, bottom: Math.max(bottom, previous === -Infinity ? bottom : Math.max(...ys)) };
}

/** A width that holds `text` at 12 px in common system fonts, with room to spare. */
export function labelWidth(text: string): number {
  return Math.ceil(text.length * 7.5) + 8;
}
