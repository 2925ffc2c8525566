import Foundation
import StreamzProtocol

/// An error a client may see: HTTP status, stable code and a sentence a person
/// can act on (PROTOCOL.md §1). Anything else thrown inside the server is
/// answered as `internal` without its details.
public struct APIError: Error, Equatable, Sendable {
    public var status: Int
    public var code: String
    public var message: String
    public var field: String?
    /// Seconds for a `Retry-After` header (429 only).
    public var retryAfter: Int?

    public init(status: Int, code: String, message: String, field: String? = nil, retryAfter: Int? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.retryAfter = retryAfter
    }

    public var body: ErrorBody { ErrorBody(code: code, message: message, field: field) }

    public static func validation(_ field: String, _ message: String) -> APIError {
        APIError(status: 400, code: "validation_failed", message: message, field: field)
    }

    public static let malformedJSON = APIError(status: 400, code: "malformed_json", message: "The request body is not valid JSON of the expected shape.")
    public static let payloadTooLarge = APIError(status: 413, code: "payload_too_large", message: "The request body is larger than 64 KiB.")
    public static let unauthorized = APIError(status: 401, code: "unauthorized", message: "Sign in to continue.")
    public static let tokenExpired = APIError(status: 401, code: "token_expired", message: "The access token has expired; refresh it and try again.")
    public static let invalidCredentials = APIError(status: 401, code: "invalid_credentials", message: "Email or password is incorrect.")
    public static let forbidden = APIError(status: 403, code: "forbidden", message: "You are not allowed to do that.")
    public static let notFound = APIError(status: 404, code: "not_found", message: "Nothing was found at that address.")
    public static let emailTaken = APIError(status: 409, code: "email_taken", message: "An account with that email already exists.")
    public static let nameTaken = APIError(status: 409, code: "name_taken", message: "You already have a device with that name.")
    public static let deviceOffline = APIError(status: 409, code: "device_offline", message: "The device is offline.")
    public static let sessionNotActive = APIError(status: 409, code: "session_not_active", message: "The session has already ended.")
    public static let internalError = APIError(status: 500, code: "internal", message: "Something went wrong on the server; try again.")

    public static func capabilityMissing(_ what: String) -> APIError {
        APIError(status: 409, code: "capability_missing", message: "The device has no \(what).")
    }

    public static func rateLimited(retryAfter seconds: Int) -> APIError {
        APIError(status: 429, code: "rate_limited", message: "Too many attempts; try again in \(seconds) seconds.", retryAfter: seconds)
    }
}
