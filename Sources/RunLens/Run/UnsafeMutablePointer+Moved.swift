extension UnsafeMutablePointer {
    /// Moves the first `count` elements into a new buffer of `capacity` elements, frees this
    /// one, and returns the new one: how the manually managed buffers grow.
    func moved(count: Int, toCapacity capacity: Int) -> UnsafeMutablePointer<Pointee> {
        let larger = UnsafeMutablePointer<Pointee>.allocate(capacity: capacity)
        larger.moveInitialize(from: self, count: count)
        deallocate()
        return larger
    }
}
