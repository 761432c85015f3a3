package org.yixing.face;

/**
 * The separate consent to the processing of face information (PIPL Art. 29: biometric
 * data is sensitive personal information and needs its own consent), shown before
 * enrolment. A changed text gets a new version.
 */
public record FaceConsent(String version, String text) {

	public static final FaceConsent CURRENT = new FaceConsent("face-2026-11", """
			人脸信息处理规则

			一、处理目的：仅用于志愿活动的人脸识别签到，核验签到者是否为本人。
			二、处理方式：录入时，系统从您拍摄的照片中提取人脸特征值，加密保存；照片本身不保存。每次人脸识别签到时，系统将现场拍摄的照片与特征值比对，比对后照片即删除。
			三、保存期限：特征值保存至您撤回本同意或注销账号时为止，届时立即删除。
			四、必要性与替代方式：人脸识别签到不是唯一的签到方式。您可以使用快速签到，或请活动现场的组织管理员为您手动签到。
			五、您的权利：您可以随时在“人脸识别”页面撤回同意，撤回后特征值即被删除；首次人脸识别签到成功后，人脸信息不能自行更换，撤回后重新录入会提示组织管理员。
			六、连续 3 次比对失败，系统会清除人脸信息，需要重新采集，并提示组织管理员。""");

}
