import Testing

@testable import RunLens

/// `local_rank` repeats on every node: two nodes of two GPUs each log local ranks 0 and 1,
/// while their files are named for the global ranks 0 to 3.
struct LocalRankTests {
    private static func ranks(_ member: String, fileRanks: [Int?]) -> [Int] {
        let fields = FieldTable(matcher: RoleMatcher())
        let assembler = RunAssembler(fields: fields, holdBack: 8)
        for (global, fileRank) in fileRanks.enumerated() {
            let lines = (1...3).map {
                #"{"step": \#($0), "\#(member)": \#(global % 2), "loss": 1}"#
            }
            RunAssemblerTests.feed(
                lines, to: assembler, fields: fields, name: "rank\(global).jsonl",
                finish: global == fileRanks.count - 1, fileRank: fileRank)
        }
        return assembler.overview.ranks
    }

    @Test func theFilesRankGoesBeforeALocalRank() {
        #expect(Self.ranks("local_rank", fileRanks: [0, 1, 2, 3]) == [0, 1, 2, 3])
    }

    @Test func aLocalRankIsTheRankWhenTheFileNamesNone() {
        #expect(Self.ranks("local_rank", fileRanks: [nil, nil]) == [0, 1])
    }

    /// A global rank in the records still goes before the file's.
    @Test func aGlobalRankGoesBeforeTheFilesRank() {
        #expect(Self.ranks("rank", fileRanks: [5, 6, 7, 8]) == [0, 1])
    }
}
