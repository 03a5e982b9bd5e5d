/// Room past a limit for what detectors need.
///
/// A log can use up `--max-fields` or `--max-series` on names no detector reads (a key that
/// changes every line, one per item); a loss, a gradient norm or a step that first appears
/// after that must still be read, or a run that diverges passes. Each class (a role, say)
/// gets `perClass` entries of its own past the limit, so one class cannot crowd out another
/// and memory stays bounded: at most `perClass` entries per class.
struct PastLimitReserve<Class: Hashable> {
    /// Entries allowed past the limit in each class.
    let perClass: Int
    /// How many entries each class took past the limit.
    private var used: [Class: Int] = [:]

    /// Creates a reserve of `perClass` entries per class.
    init(perClass: Int) {
        self.perClass = perClass
    }

    /// Takes one entry for `kind` and returns `true`, or returns `false` when its room is
    /// used up or `kind` is `nil` (nothing a detector needs).
    mutating func take(_ kind: Class?) -> Bool {
        guard let kind, hasRoom(kind) else { return false }
        used[kind, default: 0] += 1
        return true
    }

    /// Whether `kind` has room left.
    func hasRoom(_ kind: Class) -> Bool {
        used[kind, default: 0] < perClass
    }
}
