export function LabPage() {
  return null;
}
