import HTTPTypes
import Hummingbird
import RodCore
import RodServices
import RodStore

/// The cookies of a web session, as Django names them.
enum SessionCookies {
    static let session = "sessionid"
    static let csrf = "csrftoken"
    static let csrfHeader = HTTPField.Name("X-CSRFToken")!

    /// Sets both cookies: the session HttpOnly, the CSRF token readable by the page's scripts; both
    /// SameSite=Lax, and Secure outside development.
    static func set(_ minted: SessionService.Minted, secure: Bool, on response: inout Response) {
        let maxAge = Int(SessionService.lifetime)
        response.setCookie(
            Cookie(name: session, value: minted.token, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax))
        response.setCookie(
            Cookie(
                name: csrf, value: minted.csrfToken, maxAge: maxAge, path: "/", secure: secure, httpOnly: false, sameSite: .lax))
    }

    /// Expires both cookies.
    static func clear(secure: Bool, on response: inout Response) {
        for name in [session, csrf] {
            response.setCookie(
                Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: name == session, sameSite: .lax))
        }
    }
}

extension Request {
    /// The value of the first cookie named `name` in the `Cookie` headers (nil when it is empty), as Hummingbird's
    /// `cookies[name]?.value` finds it, read over the header's bytes: that parser splits by `Character` and builds every
    /// cookie it passes, 4 % of a signed-in read.
    func cookie(_ name: String) -> String? {
        for header in headers[values: .cookie] {
            for part in header.utf8.split(separator: UInt8(ascii: ";")) {
                let pair = part.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
                guard let equals = pair.firstIndex(of: UInt8(ascii: "=")) else { continue }
                guard pair[..<equals].elementsEqual(name.utf8) else { continue }
                let value = pair[pair.index(after: equals)...]
                return value.isEmpty ? nil : String(Substring(value))
            }
        }
        return nil
    }
}

/// Finds the signed-in user from the `sessionid` cookie. Requests without a live session go on anonymous.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = RodRequestContext
    let sessions: SessionService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response
    {
        var context = context
        if let token = request.cookie(SessionCookies.session), let found = try await sessions.authenticate(token: token) {
            context.session = found.session
            context.user = found.user
        }
        return try await next(request, context)
    }
}

/// On a signed-in request with an unsafe method, the `X-CSRFToken` header must carry the session's CSRF token,
/// compared in constant time. Refusals are DRF's: 403 `{"detail": "CSRF Failed: ..."}`.
///
/// With `guardsSafeMethods`, GET and HEAD are checked too, for the routes that act on a GET (`character/new`),
/// where a same-origin request the browser vouches for (`Sec-Fetch-Site: same-origin` or `none`) is also accepted.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = RodRequestContext
    var guardsSafeMethods = false

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response
    {
        guard let session = context.session else { return try await next(request, context) }
        let safe = [.get, .head, .options, .trace].contains(request.method)
        if safe && !guardsSafeMethods { return try await next(request, context) }
        if let refusal = CSRFCheck.refusal(request, session: session, acceptsSameOriginFetch: safe) { return refusal }
        return try await next(request, context)
    }
}

/// Whether a signed-in request comes from the site's own pages.
enum CSRFCheck {
    static let fetchSite = HTTPField.Name("Sec-Fetch-Site")!

    /// Nil when the request carries the session's CSRF token in `X-CSRFToken`, or, with `acceptsSameOriginFetch`, when
    /// the browser says it comes from the site itself or from the user (`Sec-Fetch-Site: same-origin` or `none`);
    /// otherwise DRF's 403.
    static func refusal(_ request: Request, session: Session, acceptsSameOriginFetch: Bool) -> Response? {
        if acceptsSameOriginFetch, let site = request.headers[fetchSite], ["same-origin", "none"].contains(site) {
            return nil
        }
        guard let sent = request.headers[SessionCookies.csrfHeader] else {
            return Reply.detail("CSRF Failed: CSRF token missing.", status: .forbidden)
        }
        if session.csrfToken.isEmpty { return djangoRefusal(request, sent: sent) }
        guard constantTimeEquals(sent.utf8, session.csrfToken.utf8) else {
            return Reply.detail("CSRF Failed: CSRF token incorrect.", status: .forbidden)
        }
        return nil
    }

    /// A session imported from the original has no token of ours: the browser holds Django's CSRF cookie, which another
    /// site can neither read nor set, and sends it back in the header; both must hold the same secret, as Django checks.
    static func djangoRefusal(_ request: Request, sent: String) -> Response? {
        guard let cookie = request.cookie(SessionCookies.csrf), let secret = DjangoCSRF.secret(cookie) else {
            return Reply.detail("CSRF Failed: CSRF cookie not set.", status: .forbidden)
        }
        guard let sentSecret = DjangoCSRF.secret(sent), constantTimeEquals(sentSecret.utf8, secret.utf8) else {
            return Reply.detail("CSRF Failed: CSRF token incorrect.", status: .forbidden)
        }
        return nil
    }
}

/// The web API's permission and throttle, in DRF's order: anonymous callers get 403, then each signed-in
/// request counts against the user's daily quota (429 with `Retry-After` once spent; site admins are unlimited).
struct APIAccessMiddleware: RouterMiddleware {
    typealias Context = RodRequestContext
    let quotas: QuotaService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response
    {
        guard let user = context.user else {
            return Reply.detail("Authentication credentials were not provided.", status: .forbidden)
        }
        if let wait = try await quotas.admit(user) {
            context.logger.notice("Rate limit exceeded", metadata: ["user": "\(user.id)", "path": "\(request.uri.path)"])
            return Reply.throttled(wait: wait)
        }
        return try await next(request, context)
    }
}
