import Foundation
import Testing

@testable import RunLens

/// `digest.csv`: written rows read back as the same runs; bad files say what is wrong.
struct DigestCSVTests {
    static func sampleRun() -> DigestRun {
        var figures = RunFigures(name: RunName(name: "job, \"quoted\"", given: false))
        figures.firstTime = 1_715_677_200.5
        figures.lastTime = 1_715_680_800
        figures.firstStep = 0
        figures.lastStep = 1200
        figures.finalTrainLoss = .nan
        figures.finalValLoss = 0.1 + 0.2
        figures.throughput = 123_456.789
        figures.latencyP95 = 812.25
        figures.latencyP99 = 1500
        figures.requests = 300
        figures.failedRequests = 7
        let incidents = [
            Incident(severity: .critical, detector: "divergence", message: "x"),
            Incident(severity: .warning, detector: "straggler", rank: 3, message: "y"),
            Incident(severity: .warning, detector: "straggler", rank: 3, message: "z"),
        ]
        return DigestRun(figures: figures, incidents: incidents, sources: ["a", "b"], parts: 2)
    }

    @Test func rowsReadBackExactly() throws {
        let run = Self.sampleRun()
        let text = DigestCSV.render([run])
        let back = try #require(try DigestCSV.parse(text).first)

        #expect(back.name == run.name)
        #expect(back.status == .critical)
        #expect(back.incidents == run.incidents)
        #expect(back.kinds == ["divergence": 1, "straggler": 2])
        #expect(back.parts == 2)
        #expect(back.figures.firstTime == run.figures.firstTime)
        #expect(back.figures.lastTime == run.figures.lastTime)
        #expect(back.figures.finalTrainLoss?.isNaN == true)
        #expect(back.figures.finalValLoss == 0.1 + 0.2)
        #expect(back.figures.throughput == 123_456.789)
        #expect(back.figures.latencyP95 == 812.25 && back.figures.latencyP99 == 1500)
        #expect(back.figures.errorRate == 7.0 / 300)
        #expect(back.figures.lastStep == 1200)
    }

    @Test func headerAndRowAreAsDocumented() {
        let lines = DigestCSV.render([Self.sampleRun()]).components(separatedBy: "\r\n")
        #expect(
            lines[0]
                == "run,status,start,end,first_step,last_step,critical,error,warning,info,"
                + "final_train_loss,final_val_loss,throughput,latency_p95_ms,latency_p99_ms,"
                + "error_rate,requests,failed_requests,incident_kinds,parts,sources,read_error,"
                + "disabled")
        #expect(
            lines[1]
                == "\"job, \"\"quoted\"\"\",critical,2024-05-14T09:00:00.500Z,"
                + "2024-05-14T10:00:00Z,0,1200,1,0,2,0,NaN,0.30000000000000004,123456.789,"
                + "812.25,1500,0.023333333333333334,300,7,divergence:1;straggler:2,2,a;b,,")
    }

    @Test func readsColumnsByName() throws {
        let text = "status,run,throughput\r\nok,b,12.5\r\n\r\nwarning,c,\r\n"
        let runs = try DigestCSV.parse(text)
        #expect(runs.map(\.name) == ["b", "c"])
        #expect(runs.map(\.status) == [.ok, .warning])
        #expect(runs[0].figures.throughput == 12.5)
        #expect(runs[1].figures.throughput == nil)
    }

    static let bad: [(String, String)] = [
        ("name,value\r\n", "digest.csv has no 'run' and 'status' columns"),
        ("run,status\r\na,broken\r\n", "digest.csv line 2: 'broken' is not a valid status"),
        (
            "run,status,throughput\r\na,ok,fast\r\n",
            "digest.csv line 2: 'fast' is not a valid throughput"
        ),
        (
            "run,status,incident_kinds\r\na,ok,divergence\r\n",
            "digest.csv line 2: 'divergence' is not a valid incident_kinds"
        ),
    ]

    @Test(arguments: bad)
    func badFilesSayWhatIsWrong(_ text: String, _ message: String) {
        #expect(throws: DigestCSVError.self) { try DigestCSV.parse(text) }
        do {
            _ = try DigestCSV.parse(text)
        } catch {
            #expect(error.description == message)
        }
    }
}
