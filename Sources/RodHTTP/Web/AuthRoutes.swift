import HTTPTypes
import Hummingbird
import Logging
import RodServices

/// Discord login (`auth/login/`, `auth/login/success/`) and logout (`auth/logout/`). Each ends in a 302 to the
/// site; a refused or failed login opens no session.
struct AuthRoutes {
    let login: DiscordLogin
    let sessions: SessionService
    let finalRedirect: String
    let secureCookies: Bool
    /// Each login start stores a state: starts are counted per client address.
    let loginStarts: MinuteCounter
    let addresses: ClientAddresses
    let clock: @Sendable () -> Double

    /// The login state's cookie: this browser's copy of the state, so a callback from another browser fails.
    static let stateCookie = "rod_oauth_state"

    func register(on router: Router<RodRequestContext>) {
        router.get("auth/login/", use: start)
        router.get("auth/login/success/", use: finish)
        router.get("auth/logout/", use: logout)
        router.post("auth/logout/", use: logout)
    }

    @Sendable func start(_ request: Request, context: RodRequestContext) async throws -> Response {
        let address = addresses.address(of: request, peer: context.remoteAddress) ?? ""
        if let wait = loginStarts.admit(address, now: clock()) {
            context.logger.notice("too many logins started", metadata: ["client": "\(address)"])
            var response = Reply.detail(
                "Too many logins started from this address. Expected available in \(wait) seconds.", status: .tooManyRequests)
            response.headers[.retryAfter] = String(wait)
            return response
        }
        let (state, url) = try await login.start()
        var response = Response(status: .found, headers: [.location: url])
        response.setCookie(
            Cookie(
                name: Self.stateCookie, value: state, maxAge: Int(DiscordLogin.stateLifetime), path: "/auth/",
                secure: secureCookies,
                httpOnly: true, sameSite: .lax))
        return response
    }

    @Sendable func finish(_ request: Request, context: RodRequestContext) async throws -> Response {
        let query = request.formQuery
        var response = Response(status: .found, headers: [.location: finalRedirect])
        response.setCookie(
            Cookie(
                name: Self.stateCookie, value: "", maxAge: 0, path: "/auth/", secure: secureCookies, httpOnly: true,
                sameSite: .lax))
        do {
            let (user, session) = try await login.finish(
                code: query["code"], state: query["state"],
                cookieState: request.cookies[Self.stateCookie]?.value)
            SessionCookies.set(session, secure: secureCookies, on: &response)
            context.logger.info("signed in", metadata: ["user": "\(user.id)"])
        } catch .badState {
            context.logger.notice("login refused: unknown, used or foreign state")
        } catch .discord(let reason) {
            context.logger.error("login failed", metadata: ["reason": "\(reason)"])
            response.headers[.location] = finalRedirect + (finalRedirect.contains("?") ? "&" : "?") + "login=failed"
        }
        return response
    }

    /// Revokes the session, closes its gateway sockets and clears its cookies. A signed-in logout must come from the
    /// site (its CSRF token, or a same-origin fetch), so another site cannot sign the user out.
    @Sendable func logout(_ request: Request, context: RodRequestContext) async throws -> Response {
        if let token = request.cookies[SessionCookies.session]?.value,
            let (session, _) = try await sessions.authenticate(token: token)
        {
            if let refusal = CSRFCheck.refusal(request, session: session, acceptsSameOriginFetch: true) { return refusal }
            try await sessions.revoke(token: token)
        }
        var response = Response(status: .found, headers: [.location: finalRedirect])
        SessionCookies.clear(secure: secureCookies, on: &response)
        return response
    }
}

/// `patreon/webhook`: 200 when applied or recorded, 204 when the pledge names no tier, 400 for a missing
/// signature or a malformed body, 403 for a bad signature.
struct PatreonRoutes {
    let webhook: PatreonWebhook

    static let signature = HTTPField.Name("X-Patreon-Signature")!
    static let event = HTTPField.Name("X-Patreon-Event")!

    func register(on router: Router<RodRequestContext>) {
        router.post("patreon/webhook", use: receive)
    }

    @Sendable func receive(_ request: Request, context: RodRequestContext) async throws -> Response {
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        do {
            let outcome = try await webhook.receive(
                body: Array(body.readableBytesView), signature: request.headers[Self.signature],
                event: request.headers[Self.event])
            context.logger.info("patreon webhook", metadata: ["outcome": "\(outcome)"])
            return Reply.empty(outcome == .noTiers ? .noContent : .ok)
        } catch PatreonRefusal.missingSignature {
            return Reply.error("Signature missing")
        } catch PatreonRefusal.invalidSignature {
            context.logger.notice("patreon webhook with an invalid signature")
            return Reply.error("Invalid signature", status: .forbidden)
        } catch PatreonRefusal.invalid(let errors) {
            return Reply.json(errors, status: .badRequest)
        }
    }
}
