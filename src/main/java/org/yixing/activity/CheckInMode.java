package org.yixing.activity;

/**
 * 签到方式 (RULES §12): how volunteers prove they are there, set by the activity's admins and
 * changeable while it runs.
 */
public enum CheckInMode {

	/** 签到码: the 6-digit code and the geofence (RULES §6). */
	CODE,
	/** 动态二维码: the code plus a token of the projected QR, which changes every 10 s. */
	ROTATING_QR,
	/** 扫码签到: an admin scans the volunteer's personal code (我的签到码). */
	ORGANIZER_SCAN

}
