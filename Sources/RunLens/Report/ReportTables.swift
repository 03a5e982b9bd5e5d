import Foundation

/// `windows.csv` and `ranks.csv`, the report files that need only the analysis, written on a
/// thread of their own while the caller finds incidents and writes the rest of the report.
///
/// With one thread they are written by ``finish()``, on the caller's thread, where the
/// report has always written them; either way the files hold the same bytes.
public final class ReportTables: @unchecked Sendable {
    private let work: TableWork
    private let ended: DispatchSemaphore?
    private var finished = false

    /// Starts writing the tables of `series` into `writer`'s folder, on a second thread when
    /// `threads` is more than one.
    init(writer: OutputWriter, series: [SeriesSummary], threads: Int) {
        let work = TableWork(writer: writer, series: series)
        self.work = work
        guard threads > 1 else {
            ended = nil
            return
        }
        let ended = DispatchSemaphore(value: 0)
        self.ended = ended
        let thread = Thread {
            work.run()
            ended.signal()
        }
        thread.name = "runlens-tables"
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Waits until the tables are written (writing them now when there is no second thread),
    /// and throws the first error they met.
    func finish() throws(OutputError) {
        guard !finished else { return }

        finished = true
        if let ended { ended.wait() } else { work.run() }
        if let failure = work.failure { throw failure }
    }

    /// Waits for the second thread without writing anything more, for when the report
    /// failed before the tables' turn.
    func abandon() {
        guard !finished else { return }

        finished = true
        ended?.wait()
    }
}

/// What the tables' thread does, kept apart so that it holds only what it needs.
private final class TableWork: @unchecked Sendable {
    let writer: OutputWriter
    let series: [SeriesSummary]
    private(set) var failure: OutputError?

    init(writer: OutputWriter, series: [SeriesSummary]) {
        self.writer = writer
        self.series = series
    }

    /// Writes `windows.csv`, then `ranks.csv`; stops at the first error and keeps it.
    func run() {
        do {
            try ReportFile.create(writer.path("windows.csv")) { file throws(OutputError) in
                try WindowsCSV.write(series, to: &file)
            }
            try writer.writeFile(writer.path("ranks.csv"), RanksCSV.render(series))
        } catch {
            failure = error
        }
    }
}
