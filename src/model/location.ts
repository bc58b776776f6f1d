/** A span in a scanned file: `file` as given to the scan, lines 1-based and inclusive. */
export interface Location {
  file: string;
  line: number;
  endLine: number;
  /**
   * Where the value at this location really came from when that is not the source line itself:
   * "from the Terraform plan plan.json", "what-if: changes Disabled → Enabled". Findings quote it.
   */
  via?: string;
}
