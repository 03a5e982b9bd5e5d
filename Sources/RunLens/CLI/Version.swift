/// The version of runlens.
public enum Version {
    /// The version string printed by `--version` and written into `summary.json`.
    public static let current = "0.1.0"
}
