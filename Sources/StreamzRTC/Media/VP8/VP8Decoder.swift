import CStreamzShims
import CVPX

/// Decodes VP8 frames (as the jitter buffer assembles them) into I420 pictures with libvpx.
///
/// The picture size follows the stream: a keyframe of a new size simply yields
/// frames of that size. Not thread-safe; one decoder per received video track.
public final class VP8Decoder {
    private let context: UnsafeMutablePointer<vpx_codec_ctx_t>

    public init() throws(CodecError) {
        context = .allocate(capacity: 1)
        context.initialize(to: vpx_codec_ctx_t())
        // One thread: the machine is shared and a terminal-sized picture decodes fast.
        var configuration = vpx_codec_dec_cfg_t(threads: 1, w: 0, h: 0)
        let status = vpx_codec_dec_init_ver(context, vpx_codec_vp8_dx(), &configuration, 0, streamz_vpx_decoder_abi_version())
        guard status == VPX_CODEC_OK else {
            let description = vpxErrorDescription(context, status)
            context.deallocate()
            throw .initializationFailed(description)
        }
    }

    deinit {
        vpx_codec_destroy(context)
        context.deallocate()
    }

    /// Decodes one complete frame. Returns `nil` for a frame that is not meant to be
    /// shown (an alt-ref update); throws for corrupt data or a delta frame without
    /// its references, after which the caller should ask for a keyframe.
    public func decode(_ frame: [UInt8]) throws(CodecError) -> I420Frame? {
        guard !frame.isEmpty, frame.count <= Int(UInt32.max) else { throw .decodeFailed("empty frame") }
        let status = frame.withUnsafeBufferPointer { buffer in
            vpx_codec_decode(context, buffer.baseAddress, UInt32(buffer.count), nil, 0)
        }
        guard status == VPX_CODEC_OK else { throw .decodeFailed(vpxErrorDescription(context, status)) }
        var corrupted: Int32 = 0
        if streamz_vp8d_get_frame_corrupted(context, &corrupted) == 0, corrupted != 0 {
            throw .corruptFrame
        }
        var iterator: vpx_codec_iter_t?
        var picture: I420Frame?
        // VP8 yields at most one picture per frame; drain the iterator all the same.
        while let image = vpx_codec_get_frame(context, &iterator) {
            picture = I420Frame(copying: image.pointee)
        }
        return picture
    }
}
