import Foundation

/// Everything a call of `APIClient` can fail with.
public enum StreamzAPIError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The server answered with the error body of PROTOCOL.md §1.
    case server(ServerError)
    /// The request never got an answer: refused connection, reset, TLS
    /// failure, timeout. Worth retrying later; says nothing about the account.
    case network(String)
    /// The server answered something that is not the contract's shape (a
    /// proxy's HTML page, a truncated body): the status and what was wrong.
    case unexpectedResponse(status: Int, detail: String)
    /// The call needs a signed-in client and there is no session (nor a
    /// remembered refresh token to resume one).
    case notSignedIn
    /// The local credentials file could not be read or written.
    case credentials(CredentialStoreError)

    public var description: String {
        switch self {
        case .server(let error): error.description
        case .network(let detail): "The server could not be reached: \(detail)"
        case .unexpectedResponse(let status, let detail): "Unexpected answer from the server (HTTP \(status)): \(detail)"
        case .notSignedIn: "Not signed in; log in first."
        case .credentials(let error): error.description
        }
    }

    /// The server's error code, if the server answered with one.
    public var code: String? {
        if case .server(let error) = self { return error.code }
        return nil
    }
}

/// An error answer of the server, kept whole (PROTOCOL.md §1).
public struct ServerError: Equatable, Sendable, CustomStringConvertible {
    /// The HTTP status (401, 409, 429, …).
    public var status: Int
    /// The stable snake_case code programs match on (`token_expired`, `rate_limited`, …).
    public var code: String
    /// A sentence a person can act on.
    public var message: String
    /// The request field at fault, for `validation_failed`.
    public var field: String?
    /// How long to wait before trying again, from the `Retry-After` header.
    public var retryAfter: Duration?

    public init(status: Int, code: String, message: String, field: String? = nil, retryAfter: Duration? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.retryAfter = retryAfter
    }

    public var description: String { message }
}

/// Well-known codes of PROTOCOL.md §1, for matching without string typos.
public enum ServerErrorCode {
    public static let validationFailed = "validation_failed"
    public static let unauthorized = "unauthorized"
    public static let tokenExpired = "token_expired"
    public static let invalidCredentials = "invalid_credentials"
    public static let notFound = "not_found"
    public static let emailTaken = "email_taken"
    public static let rateLimited = "rate_limited"
}
