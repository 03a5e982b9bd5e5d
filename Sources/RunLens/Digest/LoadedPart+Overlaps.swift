extension LoadedPart {
    /// For logs read as one run whose files repeat each other's steps with the same metrics
    /// and no rank, one line saying so: they may be separate runs, which a digest would show
    /// as rows of their own. `nil` otherwise.
    ///
    /// How runs are grouped does not change: a folder of logs is one run, its files its ranks.
    public var overlapNote: String? {
        guard !overlaps.isEmpty else { return nil }
        let later = Self.unique(overlaps.map(\.later))
        let earlier = Self.unique(overlaps.map(\.earlier))
        let verb = later.count == 1 ? "repeats" : "repeat"
        let same = overlaps.contains(where: \.ranked) ? "on the same ranks" : "and name no rank"
        return "'\(source.path)' was digested as one run whose files are its ranks, but "
            + "\(Self.list(later)) \(verb) the steps of \(Self.list(earlier)) with the same "
            + "metrics \(same): if they are separate runs, give each file to digest as an "
            + "input of its own"
    }

    /// `names` in order, each once.
    private static func unique(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }

    /// `'a'`, `'a' and 'b'`, `'a', 'b' and 'c'`.
    private static func list(_ names: [String]) -> String {
        let quoted = names.map { "'\($0)'" }
        guard let last = quoted.last, quoted.count > 1 else { return quoted.joined() }
        return quoted.dropLast().joined(separator: ", ") + " and " + last
    }
}
