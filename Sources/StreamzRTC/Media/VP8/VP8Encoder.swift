import CStreamzShims
import CVPX

/// Encodes I420 pictures to VP8 with libvpx, set up for real-time WebRTC sending:
/// one pass, no lookahead, CBR, error resilient (so a receiver that lost a frame
/// can keep decoding what does not depend on it), keyframes on request.
///
/// Not thread-safe; one encoder per sent video track.
public final class VP8Encoder {
    public private(set) var settings: VP8EncoderSettings
    private var configuration = vpx_codec_enc_cfg_t()
    private var context: UnsafeMutablePointer<vpx_codec_ctx_t>
    private var image: UnsafeMutablePointer<vpx_image_t>
    /// The size the codec was created with; libvpx's VP8 encoder can shrink in place but not grow.
    private var initialSize: (width: Int, height: Int)
    private var nextTimestamp: Int64 = 0
    private var keyframeRequested = false

    /// Timestamps are in 90 kHz units, the RTP clock rate of video (RFC 7741 §6.1).
    static let clockRate: Int32 = 90_000

    public init(settings: VP8EncoderSettings) throws(CodecError) {
        try settings.validate()
        self.settings = settings
        context = .allocate(capacity: 1)
        context.initialize(to: vpx_codec_ctx_t())
        image = .allocate(capacity: 1)
        image.initialize(to: vpx_image_t())
        initialSize = (settings.width, settings.height)
        do {
            try start()
        } catch {
            // Both calls are safe on a half-initialised context or a zeroed image.
            vpx_codec_destroy(context)
            vpx_img_free(image)
            context.deallocate()
            image.deallocate()
            throw error
        }
    }

    deinit {
        vpx_codec_destroy(context)
        vpx_img_free(image)
        context.deallocate()
        image.deallocate()
    }

    /// Makes the next encoded frame a keyframe (after a PLI or FIR from the receiver).
    public func requestKeyframe() {
        keyframeRequested = true
    }

    /// Applies new settings between frames: bitrate and frame rate at once, size by
    /// reconfiguring (or recreating the codec when growing past its first size).
    public func update(_ newSettings: VP8EncoderSettings) throws(CodecError) {
        try newSettings.validate()
        let resized = newSettings.width != settings.width || newSettings.height != settings.height
        settings = newSettings
        if resized, newSettings.width > initialSize.width || newSettings.height > initialSize.height {
            vpx_codec_destroy(context)
            initialSize = (newSettings.width, newSettings.height)
            try start()
            return
        }
        applySettings()
        let status = vpx_codec_enc_config_set(context, &configuration)
        guard status == VPX_CODEC_OK else { throw .invalidSettings(vpxErrorDescription(context, status)) }
        if resized { try allocateImage() }
        try applyControls()
    }

    /// Encodes one picture; a picture of another size than the settings switches the
    /// encoder to that size first. Returns no frame when rate control drops it.
    public func encode(_ frame: I420Frame) throws(CodecError) -> [VP8EncodedFrame] {
        if frame.width != settings.width || frame.height != settings.height {
            var resized = settings
            resized.width = frame.width
            resized.height = frame.height
            try update(resized)
        }
        frame.copy(into: image)
        let duration = Int64(Self.clockRate) / Int64(settings.framesPerSecond)
        let flags: vpx_enc_frame_flags_t = keyframeRequested ? vpx_enc_frame_flags_t(streamz_vpx_eflag_force_kf()) : 0
        keyframeRequested = false
        let status = vpx_codec_encode(context, image, nextTimestamp, UInt(duration), flags, UInt(VPX_DL_REALTIME))
        nextTimestamp += duration
        guard status == VPX_CODEC_OK else { throw .encodeFailed(vpxErrorDescription(context, status)) }
        var frames: [VP8EncodedFrame] = []
        var iterator: vpx_codec_iter_t?
        while let packet = vpx_codec_get_cx_data(context, &iterator) {
            guard packet.pointee.kind == VPX_CODEC_CX_FRAME_PKT else { continue }
            let encoded = packet.pointee.data.frame
            guard let buffer = encoded.buf, encoded.sz > 0 else { continue }
            let bytes = Array(UnsafeRawBufferPointer(start: buffer, count: encoded.sz))
            frames.append(VP8EncodedFrame(
                data: bytes, isKeyframe: encoded.flags & vpx_codec_frame_flags_t(VPX_FRAME_IS_KEY) != 0,
                timestamp: encoded.pts))
        }
        return frames
    }

    // MARK: - Setup

    private func start() throws(CodecError) {
        let status = vpx_codec_enc_config_default(vpx_codec_vp8_cx(), &configuration, 0)
        guard status == VPX_CODEC_OK else { throw .initializationFailed(String(cString: vpx_codec_err_to_string(status))) }
        configuration.g_timebase = vpx_rational_t(num: 1, den: Self.clockRate)
        configuration.g_threads = 1
        configuration.g_pass = VPX_RC_ONE_PASS
        // No lookahead: every input picture comes out at once.
        configuration.g_lag_in_frames = 0
        configuration.g_error_resilient = vpx_codec_er_flags_t(VPX_ERROR_RESILIENT_DEFAULT)
        configuration.rc_end_usage = VPX_CBR
        // Rate-control buffers and quantizer range as real-time WebRTC senders use them.
        configuration.rc_min_quantizer = 2
        configuration.rc_max_quantizer = 56
        configuration.rc_undershoot_pct = 100
        configuration.rc_overshoot_pct = 15
        configuration.rc_buf_initial_sz = 500
        configuration.rc_buf_optimal_sz = 600
        configuration.rc_buf_sz = 1000
        configuration.rc_dropframe_thresh = 30
        configuration.kf_mode = VPX_KF_AUTO
        configuration.kf_min_dist = 0
        applySettings()
        let initStatus = vpx_codec_enc_init_ver(context, vpx_codec_vp8_cx(), &configuration, 0, streamz_vpx_encoder_abi_version())
        guard initStatus == VPX_CODEC_OK else { throw .initializationFailed(vpxErrorDescription(context, initStatus)) }
        try allocateImage()
        try applyControls()
        keyframeRequested = false
    }

    private func applySettings() {
        configuration.g_w = UInt32(settings.width)
        configuration.g_h = UInt32(settings.height)
        configuration.rc_target_bitrate = UInt32(settings.targetBitrateKbps)
        configuration.kf_max_dist = UInt32(settings.maxKeyframeInterval)
    }

    private func allocateImage() throws(CodecError) {
        vpx_img_free(image)
        image.initialize(to: vpx_image_t())
        guard vpx_img_alloc(image, VPX_IMG_FMT_I420, UInt32(settings.width), UInt32(settings.height), 16) != nil else {
            throw .initializationFailed("cannot allocate a \(settings.width)x\(settings.height) image")
        }
    }

    private func applyControls() throws(CodecError) {
        let results = [
            // Negative: in realtime mode a positive cpu-used only seeds libvpx's own speed choice,
            // which it then adapts to measured encode times (vp8_auto_select_speed), so output would
            // depend on machine load; -n fixes speed n, as libwebrtc does (-6 on desktops).
            streamz_vp8e_set_cpuused(context, -Int32(settings.cpuUsed)),
            streamz_vp8e_set_noise_sensitivity(context, 0),
            // Skip encoding blocks that barely changed: cheap for camera noise.
            streamz_vp8e_set_static_threshold(context, 1),
            // Cap keyframes at 3x an average frame so they do not flood the path (libwebrtc does the same).
            streamz_vp8e_set_max_intra_bitrate_pct(context, 300),
        ]
        guard results.allSatisfy({ $0 == 0 }) else { throw .initializationFailed("libvpx rejected an encoder control") }
    }
}
