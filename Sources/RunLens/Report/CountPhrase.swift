/// A count with its noun in the number the count takes: `1 run`, `0 runs`, `2 runs`.
enum CountPhrase {
    /// `count` and `noun`, made plural with `s` (or as `plural` says) unless the count is 1.
    static func of(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        count == 1 ? "1 \(noun)" : "\(count) \(plural ?? noun + "s")"
    }

    /// `was` for a count of 1, `were` for any other.
    static func was(_ count: Int) -> String {
        count == 1 ? "was" : "were"
    }
}
