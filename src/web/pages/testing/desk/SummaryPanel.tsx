export function SummaryPanel() {
  return null;
}
