import CHiredis

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A Redis reply, copied out of hiredis' reply tree.
enum RedisReply: Sendable, Equatable {
    case status(String)
    case error(String)
    case integer(Int64)
    case bulk([UInt8])
    case null
    case array([RedisReply])

    init(_ reply: UnsafePointer<redisReply>) {
        let r = reply.pointee
        switch r.type {
        case REDIS_REPLY_STATUS: self = .status(String(cString: r.str))
        case REDIS_REPLY_ERROR: self = .error(String(cString: r.str))
        case REDIS_REPLY_INTEGER: self = .integer(Int64(r.integer))
        case REDIS_REPLY_STRING:
            self = .bulk(Array(UnsafeRawBufferPointer(start: r.str, count: Int(r.len))))
        case REDIS_REPLY_ARRAY:
            self = .array(
                (0..<Int(r.elements)).map { index in
                    r.element[index].map { RedisReply(UnsafePointer($0)) } ?? .null
                })
        default: self = .null
        }
    }

    var text: String? {
        switch self {
        case .status(let text), .error(let text): text
        case .bulk(let bytes): String(decoding: bytes, as: UTF8.self)
        default: nil
        }
    }
}

/// Why a Redis call failed: the connection is unusable after it.
public struct RedisFailure: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// One blocking hiredis connection. Not `Sendable`: it is created, used and freed on one thread (the publisher's
/// executor or the subscriber's thread), never on the server's event loops or Swift's cooperative pool.
final class HiredisConnection {
    private let context: UnsafeMutablePointer<redisContext>

    /// Connects and, when the endpoint has a password, authenticates. The timeout bounds the connect and every blocking
    /// call after it: hiredis 0.14's `redisConnectWithTimeout` bounds only the connect, so the socket's send and
    /// receive timeouts are set too (`redisSetTimeout`), and a Redis that stops answering (a frozen process accepts
    /// connections and reads commands but never replies) fails the call instead of holding it forever.
    init(_ endpoint: RedisEndpoint, timeoutMilliseconds: Int = 2000) throws(RedisFailure) {
        let timeout = timeval(tv_sec: timeoutMilliseconds / 1000, tv_usec: (timeoutMilliseconds % 1000) * 1000)
        guard let context = redisConnectWithTimeout(endpoint.host, Int32(endpoint.port), timeout)
        else { throw RedisFailure(message: "cannot allocate a Redis context") }
        if chiredis_err(context) != 0 || redisSetTimeout(context, timeout) != REDIS_OK {
            let message = String(cString: chiredis_errstr(context))
            redisFree(context)
            throw RedisFailure(message: "cannot connect to Redis at \(endpoint.host):\(endpoint.port): \(message)")
        }
        _ = redisEnableKeepAlive(context)
        self.context = context
        if let password = endpoint.password {
            _ = try command(["AUTH", password].map { Array($0.utf8) })
        }
    }

    deinit { redisFree(context) }

    var fileDescriptor: Int32 { chiredis_fd(context) }

    private var failure: RedisFailure { RedisFailure(message: "Redis: \(String(cString: chiredis_errstr(context)))") }

    /// Sends a command and waits for its reply. An error reply throws too.
    func command(_ arguments: [[UInt8]]) throws(RedisFailure) -> RedisReply {
        let raw = withArguments(arguments) { count, values, lengths in redisCommandArgv(context, count, values, lengths) }
        guard let raw else { throw failure }
        defer { freeReplyObject(raw) }
        let reply = RedisReply(raw.assumingMemoryBound(to: redisReply.self))
        if case .error(let message) = reply { throw RedisFailure(message: "Redis replied: \(message)") }
        return reply
    }

    /// Queues a command without waiting for its reply (a subscription's replies arrive as messages).
    func append(_ arguments: [[UInt8]]) throws(RedisFailure) {
        let status = withArguments(arguments) { count, values, lengths in redisAppendCommandArgv(context, count, values, lengths)
        }
        if status != REDIS_OK { throw failure }
    }

    /// Writes what `append` queued.
    func flush() throws(RedisFailure) {
        var done: Int32 = 0
        while done == 0 {
            if redisBufferWrite(context, &done) != REDIS_OK { throw failure }
        }
    }

    /// Reads what the socket holds into hiredis' buffer; call once `poll` says it is readable.
    func readAvailable() throws(RedisFailure) {
        if redisBufferRead(context) != REDIS_OK { throw failure }
    }

    /// The next complete reply already read, or nil.
    func nextReply() throws(RedisFailure) -> RedisReply? {
        var raw: UnsafeMutableRawPointer?
        if redisGetReplyFromReader(context, &raw) != REDIS_OK { throw failure }
        guard let raw else { return nil }
        defer { freeReplyObject(raw) }
        return RedisReply(raw.assumingMemoryBound(to: redisReply.self))
    }

    /// Passes the arguments as hiredis wants them: pointers and lengths, so that payloads may hold any byte.
    private func withArguments<R>(
        _ arguments: [[UInt8]], _ body: (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>, UnsafePointer<Int>) -> R
    ) -> R {
        let storage = UnsafeMutableRawBufferPointer.allocate(
            byteCount: max(1, arguments.reduce(0) { $0 + $1.count }), alignment: 1)
        defer { storage.deallocate() }
        var pointers: [UnsafePointer<CChar>?] = []
        var lengths: [Int] = []
        var offset = 0
        for argument in arguments {
            let start = storage.baseAddress! + offset
            argument.withUnsafeBytes { bytes in
                if let source = bytes.baseAddress { start.copyMemory(from: source, byteCount: bytes.count) }
            }
            pointers.append(UnsafePointer(start.assumingMemoryBound(to: CChar.self)))
            lengths.append(argument.count)
            offset += argument.count
        }
        return pointers.withUnsafeMutableBufferPointer { values in
            lengths.withUnsafeBufferPointer { sizes in body(Int32(arguments.count), values.baseAddress!, sizes.baseAddress!) }
        }
    }
}
