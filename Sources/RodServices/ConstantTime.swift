/// Compares two secrets in time that depends on their lengths only, not on where they differ.
public func constantTimeEquals(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
    let (x, y) = (Array(a), Array(b))
    var difference = UInt(bitPattern: x.count ^ y.count)
    for index in 0..<max(x.count, y.count) {
        difference |= UInt((index < x.count ? x[index] : 0) ^ (index < y.count ? y[index] : 0))
    }
    return difference == 0
}
