import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// The client's address for the limits that count per address (login starts, anonymous gateway sockets): the socket's
/// peer, or, when that peer is a trusted reverse proxy (`ROD_TRUSTED_PROXIES`), the nearest address in
/// `X-Forwarded-For` that is not a trusted proxy. Without trusted proxies the header is ignored, so clients cannot
/// choose their own address.
struct ClientAddresses: Sendable {
    let trustedProxies: [IPNetwork]

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    func address(of request: Request, peer: SocketAddress?) -> String? {
        guard let peer = peer?.ipAddress else { return nil }
        guard isTrusted(peer) else { return peer }
        let hops = request.headers[values: Self.forwardedFor]
            .flatMap { $0.split(separator: ",") }
            .map { String($0).trimmingCharacters(in: .whitespaces) }
            .filter { IPNetwork($0) != nil }
        return hops.last { !isTrusted($0) } ?? hops.first ?? peer
    }

    private func isTrusted(_ address: String) -> Bool {
        trustedProxies.contains { $0.contains(address) }
    }
}

/// Counts events per key (a client address) in fixed one-minute windows, keeping at most `maximumKeys` keys so that
/// many addresses cannot grow it without bound (past that, the oldest windows are forgotten first).
final class MinuteCounter: Sendable {
    private struct Window {
        var minute: Int64
        var count: Int
    }
    private let limit: Int
    private let maximumKeys: Int
    private let windows = Mutex<[String: Window]>([:])

    init(limit: Int, maximumKeys: Int = 100_000) {
        self.limit = limit
        self.maximumKeys = maximumKeys
    }

    /// Counts one event for `key` at `now` (seconds since 1970); nil when allowed, else the seconds until the window
    /// ends.
    func admit(_ key: String, now: Double) -> Int? {
        let minute = Int64(now / 60)
        return windows.withLock { windows in
            if windows.count >= maximumKeys, windows[key] == nil {
                windows = windows.filter { $0.value.minute == minute }
                if windows.count >= maximumKeys { windows.removeAll() }
            }
            var window = windows[key].flatMap { $0.minute == minute ? $0 : nil } ?? Window(minute: minute, count: 0)
            window.count += 1
            windows[key] = window
            guard window.count > limit else { return nil }
            return max(1, Int((Double(minute + 1) * 60 - now).rounded(.up)))
        }
    }
}
