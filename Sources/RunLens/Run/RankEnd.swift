/// A rank whose log stopped while the others went on: the classic sign of a hung or crashed
/// worker.
public struct RankEnd: Sendable, Codable, Equatable {
    /// The rank.
    public var rank: Int
    /// The highest step its records reached, when they have steps.
    public var lastStep: Double?
    /// The latest time its records reached, when they are timed.
    public var lastTime: Double?
    /// The last file its records came from, in reading order, when the analysis knows it
    /// (not kept in `summary.json`).
    public var file: String?

    private enum CodingKeys: String, CodingKey {
        case rank, lastStep, lastTime
    }

    /// Creates the end of one rank's log.
    public init(rank: Int, lastStep: Double? = nil, lastTime: Double? = nil) {
        self.rank = rank
        self.lastStep = lastStep
        self.lastTime = lastTime
    }
}
