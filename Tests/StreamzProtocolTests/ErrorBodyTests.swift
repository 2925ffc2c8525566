import Foundation
import Testing
import StreamzProtocol

@Suite("Error body")
struct ErrorBodyTests {
    @Test("encodes the documented shape and omits an absent field")
    func shape() throws {
        let body = ErrorBody(code: "invalid_credentials", message: "Email or password is incorrect.")
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(body)) as? [String: Any]
        let error = try #require(json?["error"] as? [String: Any])
        #expect(error["code"] as? String == "invalid_credentials")
        #expect(error["message"] as? String == "Email or password is incorrect.")
        #expect(error["field"] == nil)
    }
}
