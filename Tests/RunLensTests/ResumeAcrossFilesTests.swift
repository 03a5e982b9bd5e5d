import Foundation
import Testing

@testable import RunLens

/// A run resumed from a checkpoint into a new log file: the later file reads on as if it
/// were appended to the earlier one. Eight points are held back per series.
struct ResumeAcrossFilesTests {
    /// A record at `step` whose loss is the step plus `offset`; `rank` and `time` when given.
    private static func line(_ step: Int, offset: Int = 0, rank: Int? = nil, time: Int? = nil)
        -> String
    {
        var members = ["\"step\": \(step)"]
        if let rank { members.append("\"rank\": \(rank)") }
        if let time { members.append("\"timestamp\": \(1_715_677_200 + time)") }
        members.append("\"loss\": \(step + offset)")
        return "{" + members.joined(separator: ", ") + "}"
    }

    /// Feeds each file's lines in turn, named `a.jsonl`, `b.jsonl`, ...; then finishes.
    private static func assemble(_ files: [[String]])
        -> (RunAssembler, RunAssemblerTests.PointLog)
    {
        let fields = FieldTable(matcher: RoleMatcher())
        let assembler = RunAssembler(fields: fields, holdBack: 8)
        let log = RunAssemblerTests.PointLog()
        assembler.addObserver(log)
        for (index, lines) in files.enumerated() {
            let name = String(UnicodeScalar(UInt8(ascii: "a") + UInt8(index))) + ".jsonl"
            RunAssemblerTests.feed(
                lines, to: assembler, fields: fields, name: name, finish: index == files.count - 1)
        }
        return (assembler, log)
    }

    @Test func aFileGoingBackIntoTheEarlierOnesStepsResumesIt() {
        // As one file would: steps 15 to 20 of the first pass are still held, so the
        // second file's replace them.
        let first = (1...20).map { Self.line($0) }
        let second = (15...22).map { Self.line($0, offset: 100) }

        let (assembler, log) = Self.assemble([first, second])

        #expect(log.steps("loss") == (1...22).map(Double.init))
        #expect(log.values("loss") == (1...14).map(Double.init) + (115...122).map(Double.init))
        let resumes = assembler.overview.resumes
        #expect(resumes.map(\.file) == ["b.jsonl"])
        #expect(resumes.map(\.line) == [1])
        #expect(resumes.map(\.fromStep) == [20])
        #expect(resumes.map(\.toStep) == [15])
        #expect(assembler.overlappingFiles().isEmpty)
    }

    @Test func eachRankResumesItsOwnStream() {
        let first = (1...20).flatMap { [Self.line($0, rank: 0), Self.line($0, rank: 1)] }
        let second = (15...22).map { Self.line($0, offset: 100, rank: 1) }

        let (assembler, log) = Self.assemble([first, second])

        // Rank 1's steps 15 to 20 are replaced; rank 0 keeps all of its 20 points.
        #expect(assembler.overview.resumes.map(\.toStep) == [15])
        #expect(assembler.overview.resumes.map(\.rank) == [1])
        let values = log.points.values.flatMap { $0 }
        #expect(values.filter { $0.value >= 100 }.count == 8)
        #expect(values.count == 40 + 8 - 6)
    }

    /// A file that starts where the earlier one started or near it (another run, or a rank
    /// that names none), after its last step (the log went on), or at the same time keeps a
    /// stream of its own: no resume.
    static let notResumes: [(first: [String], second: [String])] = [
        (steps(1...20), steps(1...10, offset: 100)),
        (steps(0...19), steps(1...20, offset: 100)),
        ((1...20).map { line($0 * 5) }, (1...10).map { line($0 * 10, offset: 100) }),
        (steps(1...20), steps(3...22, offset: 100)),
        (steps(1...20), steps(21...30, offset: 100)),
        (
            (1...20).map { line($0, time: $0 * 10) },
            (15...30).map { line($0, offset: 100, time: $0 * 10 + 1) }
        ),
        ((1...20).map { line($0, time: $0 * 10) }, steps(15...22, offset: 100)),
        (steps(1...20), (15...22).map { line($0, offset: 100, time: 3600 + $0 * 10) }),
    ]

    private static func steps(_ range: ClosedRange<Int>, offset: Int = 0) -> [String] {
        range.map { line($0, offset: offset) }
    }

    @Test(arguments: notResumes)
    func aFileThatIsNotAResumeKeepsItsOwnStream(first: [String], second: [String]) {
        let (assembler, _) = Self.assemble([first, second])

        #expect(assembler.overview.resumes.isEmpty)
    }

    /// A relaunch's log often opens with something else: an event, an evaluation, a system
    /// line, its config. Its first training record with a step decides; what came before
    /// keeps its place.
    @Test(arguments: [
        #"{"event": "restart", "message": "loaded checkpoint step 14"}"#,
        #"{"step": 14, "eval_loss": 2.5}"#,
        #"{"gpu_util": 97, "gpu_memory_allocated": 30.1}"#,
        #"{"config": {"lr": 0.0003, "batch": 32}}"#,
    ])
    func aFileOpeningWithOtherRecordsResumesAtItsFirstTrainingRecord(opening: String) {
        let second = [opening] + (15...22).map { Self.line($0, offset: 100) }

        let (assembler, log) = Self.assemble([(1...20).map { Self.line($0) }, second])

        #expect(log.values("loss") == (1...14).map(Double.init) + (115...122).map(Double.init))
        #expect(assembler.overview.resumes.map(\.line) == [2])
        #expect(assembler.overlappingFiles().isEmpty)
        #expect(log.steps("eval_loss") == (opening.contains("eval") ? [14] : []))
    }

    /// Epochs as the step, or an `iter` that does not restart (no epoch beside it).
    @Test(arguments: ["epoch", "iter"])
    func aFileCountingInEpochsOrItersResumes(key: String) {
        let line = { (step: Int, offset: Int) in "{\"\(key)\": \(step), \"loss\": \(step + offset)}"
        }
        let first = (1...20).map { line($0, 0) }
        let second = (15...22).map { line($0, 100) }

        let (assembler, _) = Self.assemble([first, second])

        #expect(assembler.overview.resumes.map(\.toStep) == [15])
        #expect(assembler.overview.resumes.map(\.file) == ["b.jsonl"])
    }

    /// MMCV's logs: a header, then `iter` restarting each epoch. The second launch resumed
    /// from the end of epoch 2 and goes on into epoch 4; epochs log iters 10, 20, 30.
    @Test func anMMCVLaunchResumingAnEarlierEpochResumesItsLog() {
        let line = { (epoch: Int, iter: Int, offset: Int) in
            #"{"mode": "train", "epoch": \#(epoch), "iter": \#(iter), "loss": \#(iter + offset)}"#
        }
        let header = #"{"env_info": "sys.platform: linux", "seed": 1}"#
        let first = [header] + (1...3).flatMap { e in [10, 20].map { line(e, $0, 0) } }
        let second = [header] + (3...4).flatMap { e in [10, 20, 30].map { line(e, $0, 100) } }

        let (assembler, log) = Self.assemble([first, second])

        // Epoch 3 started at 40 in the first pass and again in the second; epoch 4 at 70.
        #expect(log.steps("loss") == [10, 20, 30, 40, 50, 60, 70, 80, 90, 100])
        #expect(log.values("loss") == [10, 20, 10, 20, 110, 120, 130, 110, 120, 130])
        let resumes = assembler.overview.resumes
        #expect(resumes.map(\.line) == [2])
        #expect(resumes.map(\.fromStep) == [60])
        #expect(resumes.map(\.toStep) == [50])
        #expect(assembler.overlappingFiles().isEmpty)
    }

    /// Another run in the same folder starts at epoch 1 again: not a resume.
    @Test func anMMCVLogStartingAtTheFirstEpochAgainIsAnotherRun() {
        let line = { (epoch: Int, iter: Int) in
            #"{"mode": "train", "epoch": \#(epoch), "iter": \#(iter), "loss": 1.5}"#
        }
        let run = (1...3).flatMap { e in [10, 20].map { line(e, $0) } }

        let (assembler, _) = Self.assemble([run, run.map { $0.replacing("1.5", with: "2.5") }])

        #expect(assembler.overview.resumes.isEmpty)
        #expect(assembler.overlappingFiles().count == 1)
    }

    @Test func aTimedFileLaterOnTheClockResumes() {
        let first = (1...20).map { Self.line($0, time: $0 * 10) }
        let second = (15...22).map { Self.line($0, offset: 100, time: 3600 + $0 * 10) }

        let (assembler, _) = Self.assemble([first, second])

        #expect(assembler.overview.resumes.map(\.toStep) == [15])
        #expect(assembler.overview.resumes.first?.gapSeconds == 3550.0)
    }

    /// Through the whole analysis: the later file of a folder is a resume, not an overlap.
    @Test func aResumedRunInTwoFilesIsOneRunWithOneResume() throws {
        let root = try InputFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let first = (1...1000).map { Self.line($0) + "\n" }.joined()
        let second = (801...2000).map { Self.line($0, offset: 5) + "\n" }.joined()
        _ = try InputFixtures.write(Array(first.utf8), to: "a.jsonl", in: root)
        _ = try InputFixtures.write(Array(second.utf8), to: "b.jsonl", in: root)
        var options = AnalysisOptions(inputs: [root.path])
        options.threads = 1

        let result = try Analyzer(options: options).run()

        #expect(result.inputs.allSatisfy { $0.warnings.isEmpty })
        #expect(result.overview.resumes.map(\.fromStep) == [1000])
        #expect(result.overview.resumes.map(\.toStep) == [801])
        #expect(result.overview.resumes.first?.file == root.path + "/b.jsonl")
    }
}
