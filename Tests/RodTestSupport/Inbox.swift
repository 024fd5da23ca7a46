import RodCore
import Synchronization

/// How long a test waits for something that should arrive. Generous, because a wait ends as soon as the item arrives:
/// it costs nothing on a quiet machine and holds on a loaded 2-core one running the whole suite.
public enum Wait {
    public static let budget: Duration = .seconds(30)
}

/// What a test client received, in order, for tests to wait on: gateway frames as JSON, or any other values.
public final class Inbox<Item: Sendable>: Sendable {
    private let items = Mutex<[Item]>([])

    public init() {}

    public func append(_ item: Item) {
        items.withLock { $0.append(item) }
    }

    /// Everything received and not yet taken.
    public var pending: [Item] { items.withLock { $0 } }

    /// Takes the first item that matches, waiting for it up to `timeout`.
    public func take(
        where matches: @Sendable (Item) -> Bool = { _ in true }, timeout: Duration = Wait.budget
    ) async throws -> Item {
        let deadline = ContinuousClock.now + timeout
        while true {
            let found = items.withLock { items -> Item? in
                guard let index = items.firstIndex(where: matches) else { return nil }
                return items.remove(at: index)
            }
            if let found { return found }
            guard ContinuousClock.now < deadline else {
                throw SupportError("nothing matching arrived within \(timeout); pending: \(pending)")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// True when nothing matching arrives within `period`.
    public func staysWithout(where matches: @Sendable (Item) -> Bool, for period: Duration = .milliseconds(300)) async
        -> Bool
    {
        try? await Task.sleep(for: period)
        return !items.withLock { $0.contains(where: matches) }
    }
}

extension Inbox where Item == JSON {
    /// The next dispatch named `name` (`READY`, `UPDATE_CHARACTER`), or the next frame of any kind.
    public func next(_ name: String? = nil, timeout: Duration = Wait.budget) async throws -> JSON {
        try await take(where: { name == nil || $0["t"]?.stringValue == name }, timeout: timeout)
    }

    /// True when no dispatch named `name` arrives within `period`.
    public func staysWithout(_ name: String, for period: Duration = .milliseconds(300)) async -> Bool {
        await staysWithout(where: { $0["t"]?.stringValue == name }, for: period)
    }
}

/// A value several tasks of a test read and change, behind a lock (a `Mutex` that escaping closures can hold).
public final class Shared<Value: Sendable>: Sendable {
    private let value: Mutex<Value>

    public init(_ value: Value) { self.value = Mutex(value) }

    public func withLock<Result: Sendable>(_ body: (inout sending Value) -> sending Result) -> Result {
        value.withLock(body)
    }
}
