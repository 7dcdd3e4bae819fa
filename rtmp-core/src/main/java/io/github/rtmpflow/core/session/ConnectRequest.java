package io.github.rtmpflow.core.session;

import io.github.rtmpflow.core.amf.AmfObject;
import io.github.rtmpflow.core.amf.AmfValue;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a client asked for with {@code connect}, for the application to authorize.
 *
 * @param app the application name without a trailing '/' and without a query string
 *     (e.g. "live"); "" when absent
 * @param tcUrl the target URL as the client sent it (may carry a query string); null when absent
 * @param tcUrlQuery the query string of tcUrl (after '?'), or of the app name when tcUrl has
 *     none; "" when neither has one. It may carry a secret: never log it.
 * @param flashVer the client's version string (e.g. "FMLE/3.0 (compatible; Lavf59.27.100)");
 *     null when absent (librtmp sends none)
 * @param objectEncoding 0 for AMF0, 3 for AMF3; 0 when absent
 * @param commandObject the whole connect command object, unmodified (includes e.g. OBS's
 *     {@code supportsGoAway})
 * @param arguments optional values after the command object (librtmp "conn" options)
 * @param fourCcList Enhanced RTMP codecs the client supports; empty when absent
 * @param videoFourCcInfoMap Enhanced RTMP video FourCC to capability flags; empty when absent
 * @param audioFourCcInfoMap Enhanced RTMP audio FourCC to capability flags; empty when absent
 * @param capsEx Enhanced RTMP capability flags ({@link EnhancedRtmp#CAPS_EX_RECONNECT} ...); 0
 *     when absent
 */
public record ConnectRequest(String app, String tcUrl, String tcUrlQuery, String flashVer, double objectEncoding,
        AmfObject commandObject, List<AmfValue> arguments, List<String> fourCcList,
        Map<String, Integer> videoFourCcInfoMap, Map<String, Integer> audioFourCcInfoMap, int capsEx) {

    /** Validates the required fields and copies the collections. */
    public ConnectRequest {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(tcUrlQuery, "tcUrlQuery");
        Objects.requireNonNull(commandObject, "commandObject");
        arguments = List.copyOf(arguments);
        fourCcList = List.copyOf(fourCcList);
        videoFourCcInfoMap = Map.copyOf(videoFourCcInfoMap);
        audioFourCcInfoMap = Map.copyOf(audioFourCcInfoMap);
    }

    /** Reads a request from a connect command object and the arguments after it. */
    public static ConnectRequest from(AmfObject commandObject, List<AmfValue> arguments) {
        String rawApp = commandObject.getString("app");
        rawApp = rawApp == null ? "" : rawApp;
        String app = StreamNames.withoutQuery(rawApp);
        // nginx-rtmp strips one trailing slash: "live/" and "live" are the same application.
        if (app.endsWith("/")) {
            app = app.substring(0, app.length() - 1);
        }
        String tcUrl = commandObject.getString("tcUrl");
        String query = tcUrl == null ? "" : StreamNames.query(tcUrl);
        if (query.isEmpty()) {
            query = StreamNames.query(rawApp);
        }
        double encoding = commandObject.getNumber("objectEncoding");
        return new ConnectRequest(app, tcUrl, query, commandObject.getString("flashVer"),
                Double.isNaN(encoding) ? 0 : encoding, commandObject, arguments,
                EnhancedRtmp.fourCcList(commandObject),
                EnhancedRtmp.fourCcInfoMap(commandObject, EnhancedRtmp.VIDEO_FOUR_CC_INFO_MAP),
                EnhancedRtmp.fourCcInfoMap(commandObject, EnhancedRtmp.AUDIO_FOUR_CC_INFO_MAP),
                EnhancedRtmp.capsEx(commandObject));
    }

    /** Returns whether the client announced any Enhanced RTMP property. */
    public boolean enhancedRtmp() {
        return EnhancedRtmp.isEnhanced(commandObject);
    }

    /** Returns the client's Enhanced RTMP capabilities (fourCcList, FourCC info maps, capsEx). */
    public ClientCapabilities capabilities() {
        return new ClientCapabilities(fourCcList, videoFourCcInfoMap, audioFourCcInfoMap, capsEx);
    }

    /** Returns whether the client handles NetConnection.Connect.ReconnectRequest (capsEx bit 0). */
    public boolean supportsReconnect() {
        return (capsEx & EnhancedRtmp.CAPS_EX_RECONNECT) != 0;
    }

    @Override
    public String toString() {
        // The query string (and the tcUrl holding it) may carry a stream key: keep it out of logs.
        return "ConnectRequest[app=" + app + ", flashVer=" + flashVer + ", objectEncoding=" + objectEncoding
                + ", fourCcList=" + fourCcList + ", capsEx=" + capsEx + "]";
    }
}
