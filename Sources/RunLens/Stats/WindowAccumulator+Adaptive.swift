/// Adaptive mode: following the shared ``WindowGrid`` as its width doubles.
extension WindowAccumulator {
    /// Merges windows pairwise until this series' width is the grid's.
    mutating func catchUp() {
        guard let grid, doublings < grid.doublings else { return }

        while doublings < grid.doublings {
            mergePairs()
            doublings += 1
        }
        width = grid.width
    }

    /// Catches up with the grid now and gives back the room of windows the grid no longer
    /// allows, after its target was lowered: a series that takes no more values would
    /// otherwise keep both until ``finish()``.
    mutating func fitGrid() {
        guard let grid else { return }
        catchUp()
        let limit = 2 * grid.target + 1
        guard windows.capacity > limit else { return }

        var fitted: [WindowState] = []
        fitted.reserveCapacity(Swift.max(limit, windows.count))
        fitted.append(contentsOf: windows)
        windows = fitted
    }

    /// Turns windows of width `w` into windows of width `2w`: window `k` becomes part of
    /// window `⌊k/2⌋`.
    private mutating func mergePairs() {
        // Through the buffer, so a window merged away is read in place rather than copied
        // (with a retain and a release of each of its buffers) first.
        let kept = windows.withUnsafeMutableBufferPointer { windows in
            var write = 0
            for read in windows.indices {
                let parent = windows[read].index >> 1
                if write > 0, windows[write - 1].index == parent {
                    windows[write - 1].merge(&windows[read])
                    // Merging grows the sketch as adding does; only the newest takes more.
                    if read < windows.count - 1 { windows[write - 1].quantiles.fitSketch() }
                    continue
                }
                windows[read].index = parent
                windows.swapAt(write, read)
                write += 1
            }
            return write
        }
        windows.removeLast(windows.count - kept)
    }
}
