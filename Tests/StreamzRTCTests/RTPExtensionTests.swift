import Testing
@testable import StreamzRTC

@Suite("RTP header extension values")
struct RTPExtensionTests {
    @Test func sequenceNumbersUnwrapAcrossZero() {
        var unwrapper = SequenceNumberUnwrapper()
        #expect(unwrapper.unwrap(65_534) == 65_534)
        #expect(unwrapper.unwrap(65_535) == 65_535)
        #expect(unwrapper.unwrap(0) == 65_536)
        #expect(unwrapper.unwrap(65_535) == 65_535)  // late packet from before the wrap
        #expect(unwrapper.unwrap(2) == 65_538)
        for step in 1...200_000 {
            _ = unwrapper.unwrap(UInt16(truncatingIfNeeded: 2 + step))
        }
        #expect(unwrapper.unwrap(UInt16(truncatingIfNeeded: 200_003)) == 65_536 + 200_003)
    }

    @Test func timestampsUnwrap() {
        var unwrapper = TimestampUnwrapper()
        #expect(unwrapper.unwrap(UInt32.max - 10) == Int64(UInt32.max) - 10)
        #expect(unwrapper.unwrap(5) == Int64(UInt32.max) + 6)
    }

    @Test func absSendTimeFromNTP() throws {
        // 1.5 s after an NTP second boundary: 6.18 fixed point 1.5 = 0x060000.
        let ntp = NTPTimestamp(seconds: 3_900_000_001, fraction: 0x8000_0000)
        let value = AbsSendTime(ntp: ntp)
        // 3_900_000_001 mod 64 = 1, so 1.5 s.
        #expect(value.seconds == 1.5)
        #expect(value.extensionData == [0x06, 0x00, 0x00])
        #expect(try AbsSendTime(extensionData: [0x06, 0x00, 0x00]) == value)
        #expect(throws: RTPError.self) { try AbsSendTime(extensionData: [1, 2]) }
    }

    @Test func absCaptureTimeBothForms() throws {
        let short = AbsCaptureTime(captureTime: NTPTimestamp(rawValue: 0x0102_0304_0506_0708))
        #expect(short.extensionData == [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(try AbsCaptureTime(extensionData: short.extensionData) == short)
        let long = AbsCaptureTime(captureTime: NTPTimestamp(rawValue: 1), estimatedCaptureClockOffset: -(1 << 31))
        #expect(long.extensionData.count == 16)
        #expect(long.estimatedCaptureClockOffsetSeconds == -0.5)
        #expect(try AbsCaptureTime(extensionData: long.extensionData) == long)
        #expect(throws: RTPError.self) { try AbsCaptureTime(extensionData: [UInt8](repeating: 0, count: 12)) }
    }

    @Test func audioLevel() throws {
        // RFC 6464 §3: V=1, level 42 -> 0x80 | 42.
        let level = try AudioLevelExtension(extensionData: [0xAA])
        #expect(level.voiceActivity)
        #expect(level.level == 42)
        #expect(level.dBov == -42)
        #expect(AudioLevelExtension(voiceActivity: false, level: 127).extensionData == [0x7F])
        #expect(throws: RTPError.self) { try AudioLevelExtension(extensionData: []) }
    }

    @Test func midInPacket() throws {
        var header = RTPHeader(payloadType: 111, sequenceNumber: 9, timestamp: 960, ssrc: 42)
        header.extensions.set(MidExtension(mid: "0"), id: 4)
        header.extensions.set(AudioLevelExtension(voiceActivity: true, level: 30), id: 1)
        let bytes = try RTPPacket(header: header, payload: [0xFC]).serialized()
        let parsed = try RTPPacket(parsing: bytes)
        #expect(try parsed.header.extensions.value(MidExtension.self, id: 4)?.mid == "0")
        #expect(try parsed.header.extensions.value(AudioLevelExtension.self, id: 1)?.level == 30)
        #expect(try parsed.header.extensions.value(AbsSendTime.self, id: 2) == nil)
        #expect(try MidExtension(extensionData: [0x61, 0x00]).mid == "a")
        #expect(throws: RTPError.self) { try MidExtension(extensionData: [0xFF, 0xFE]) }
        #expect(throws: RTPError.self) { try MidExtension(extensionData: []) }
    }

    @Test func ntpConversions() {
        let ntp = NTPTimestamp(unixSeconds: 1_700_000_000.25)
        #expect(ntp.seconds == 1_700_000_000 + 2_208_988_800)
        #expect(ntp.fraction == 0x4000_0000)
        #expect(abs(ntp.unixSeconds - 1_700_000_000.25) < 1e-6)
        #expect(ntp.middle32 == (ntp.seconds & 0xFFFF) << 16 | 0x4000)
        let later = ntp + .milliseconds(500)
        #expect(abs(later.unixSeconds - 1_700_000_000.75) < 1e-6)
    }
}
