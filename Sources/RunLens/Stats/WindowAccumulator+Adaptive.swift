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

    /// Turns windows of width `w` into windows of width `2w`: window `k` becomes part of
    /// window `⌊k/2⌋`.
    private mutating func mergePairs() {
        var write = 0
        for read in windows.indices {
            let parent = windows[read].index >> 1
            if write > 0, windows[write - 1].index == parent {
                let next = windows[read]
                windows[write - 1].merge(next)
                continue
            }
            windows[read].index = parent
            windows.swapAt(write, read)
            write += 1
        }
        windows.removeLast(windows.count - write)
    }
}
