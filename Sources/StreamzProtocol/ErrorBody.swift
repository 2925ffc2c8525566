/// The body of every non-2xx HTTP answer (PROTOCOL.md §1):
/// `{"error": {"code": "…", "message": "…", "field"?: "…"}}`.
public struct ErrorBody: Codable, Equatable, Sendable {
    public struct Detail: Codable, Equatable, Sendable {
        /// A stable snake_case identifier that programs match on.
        public var code: String
        /// A sentence a person can act on; never internals.
        public var message: String
        /// The request field at fault, for `validation_failed`.
        public var field: String?

        public init(code: String, message: String, field: String? = nil) {
            self.code = code
            self.message = message
            self.field = field
        }
    }

    public var error: Detail

    public init(code: String, message: String, field: String? = nil) {
        self.error = Detail(code: code, message: message, field: field)
    }
}
