/// Two input files that write the same series (metric, rank and device) over the same steps:
/// with no rank to tell them apart, or on the same ranks.
public struct FileOverlap: Sendable, Equatable {
    /// What one file covers: its steps and the series it wrote.
    struct Span {
        var steps: ClosedRange<Double>?
        var series: Set<Int> = []

        mutating func add(_ more: ClosedRange<Double>, series written: Set<Int>) {
            steps =
                steps.map {
                    min($0.lowerBound, more.lowerBound)...max($0.upperBound, more.upperBound)
                } ?? more
            series.formUnion(written)
        }

        func clashes(with other: Span) -> Bool {
            guard let mine = steps, let theirs = other.steps else { return false }
            return mine.overlaps(theirs) && !series.isDisjoint(with: other.series)
        }
    }

    /// The earlier file, as given in the inputs, and its steps.
    public var earlier: String
    public var earlierSteps: ClosedRange<Double>
    /// The later file and its steps.
    public var later: String
    public var laterSteps: ClosedRange<Double>
    /// True when the run has ranks: the files wrote the same metrics of the same ranks (two
    /// launches of a run that started again, or two runs with a rank each).
    public var ranked = false

    /// The warning for the later file's input.
    public var warning: String {
        let same = ranked ? "on the same ranks" : "and neither names a rank"
        return "its steps \(Self.text(laterSteps)) overlap those of '\(earlier)' "
            + "(\(Self.text(earlierSteps))) with the same metrics \(same): both were read as "
            + "one run; if they are separate runs, analyze each on its own"
    }

    /// Each file paired with the first earlier file that wrote one of its series over
    /// overlapping steps, in file order; `names` gives the paths by file index.
    static func pairs(_ spans: [Int32: Span], names: [String], ranked: Bool) -> [FileOverlap] {
        let files = spans.keys.sorted()
        var found: [FileOverlap] = []
        for (position, later) in files.enumerated() {
            guard let laterSpan = spans[later], let laterSteps = laterSpan.steps,
                let earlier = files[..<position].first(where: {
                    spans[$0]?.clashes(with: laterSpan) == true
                }),
                let earlierSteps = spans[earlier]?.steps,
                let laterName = name(later, names), let earlierName = name(earlier, names)
            else { continue }
            found.append(
                FileOverlap(
                    earlier: earlierName, earlierSteps: earlierSteps, later: laterName,
                    laterSteps: laterSteps, ranked: ranked))
        }
        return found
    }

    private static func name(_ file: Int32, _ names: [String]) -> String? {
        names.indices.contains(Int(file)) ? names[Int(file)] : nil
    }

    private static func text(_ span: ClosedRange<Double>) -> String {
        "\(NumberFormat.exact(span.lowerBound))–\(NumberFormat.exact(span.upperBound))"
    }
}
