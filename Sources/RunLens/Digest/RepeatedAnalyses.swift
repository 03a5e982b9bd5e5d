/// Analyses of the same logs under one run name: a CI job run again, a report written twice.
/// The parts of one run are different logs (a run resumed into new files), so an analysis
/// that repeats another's inputs is counted once, not added to it.
public enum RepeatedAnalyses {
    /// `parts` without any given-name part whose inputs (paths and line counts) a later part
    /// of that name read too, and a note for each left out. Parts read without their inputs
    /// are kept.
    public static func dropped(from parts: [LoadedPart]) -> (
        parts: [LoadedPart], notes: [String]
    ) {
        var keptBy: [Key: String] = [:]
        var kept: [LoadedPart] = []
        var notes: [String] = []
        for part in parts.reversed() {
            guard let key = Key(part) else {
                kept.append(part)
                continue
            }
            if let later = keptBy[key] {
                notes.append(
                    "'\(part.source.path)' analyzes the same inputs as '\(later)' under the run "
                        + "name '\(key.name)': counted once, from '\(later)'")
                continue
            }
            keptBy[key] = part.source.path
            kept.append(part)
        }
        return (kept.reversed(), notes.reversed())
    }

    /// What makes two analyses the same: the run name and every input's path and counts.
    private struct Key: Hashable {
        var name: String
        var inputs: [String]

        init?(_ part: LoadedPart) {
            guard let name = part.figures?.name, name.given, let document = part.document,
                !document.inputs.isEmpty
            else { return nil }
            self.name = name.name
            inputs = document.inputs.map {
                "\($0.path)\u{0}\($0.accounting.lines)\u{0}\($0.accounting.records)"
            }.sorted()
        }
    }
}
