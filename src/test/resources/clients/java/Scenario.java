import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.yixing.client.ApiClient;
import org.yixing.client.api.AccountsApi;
import org.yixing.client.api.ActivitiesApi;
import org.yixing.client.api.CheckInApi;
import org.yixing.client.api.DevToolsApi;
import org.yixing.client.api.HoursApi;
import org.yixing.client.api.MembershipsApi;
import org.yixing.client.api.OrganizationsApi;
import org.yixing.client.api.SmsCodesApi;
import org.yixing.client.model.ActivityView;
import org.yixing.client.model.Application;
import org.yixing.client.model.CheckInBody;
import org.yixing.client.model.CheckOutBody;
import org.yixing.client.model.CheckedIn;
import org.yixing.client.model.FixClock;
import org.yixing.client.model.GeofenceJson;
import org.yixing.client.model.LatLng;
import org.yixing.client.model.Location;
import org.yixing.client.model.Login;
import org.yixing.client.model.NewActivity;
import org.yixing.client.model.NewOrganization;
import org.yixing.client.model.Registration;
import org.yixing.client.model.RequestView;
import org.yixing.client.model.SendCode;

/**
 * A university IT office's first program against Yixing, written only with the Java client
 * generated from /v3/api-docs (GeneratedClientTests): a volunteer registers with the SMS
 * code from the dev outbox, signs in and reads /me, joins an organization that staff
 * approve, checks in and out of an activity, and reads the hours. Exits non-zero (an
 * exception) when any step fails.
 * Arguments: the base address, the staff ID number and password.
 */
public class Scenario {

	public static void main(String[] args) throws Exception {
		String base = args[0];
		ApiClient anonymous = client(base, null);
		String phone = "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
		String idNumber = idNumber();

		// Register with the code the dev tools' outbox shows.
		new SmsCodesApi(anonymous).sendSmsCode(new SendCode().phone(phone).purpose(SendCode.PurposeEnum.REGISTER));
		String code = new DevToolsApi(anonymous).readSmsOutbox(phone).get(0).getCode();
		String volunteerId = new AccountsApi(anonymous).register(new Registration().realName("客户端志愿者")
			.idNumber(idNumber)
			.phone(phone)
			.smsCode(code)
			.password("Client2026")
			.regionCode("420100")).getId();
		String token = new AccountsApi(anonymous).login(new Login().account(phone).password("Client2026"))
			.getAccessToken();
		ApiClient volunteer = client(base, token);
		check("me", new AccountsApi(volunteer).getMe().getId().equals(volunteerId));

		// Staff create an organization and an activity; the volunteer joins and is approved.
		String staffToken = new AccountsApi(anonymous).login(new Login().account(args[1]).password(args[2]))
			.getAccessToken();
		ApiClient staff = client(base, staffToken);
		UUID organization = UUID.fromString(new OrganizationsApi(staff)
			.createOrganization(new NewOrganization().name("客户端协会" + UUID.randomUUID().toString().substring(0, 8))
				.regionCode("420111")
				.visibility(NewOrganization.VisibilityEnum.LISTED))
			.getId());
		new MembershipsApi(volunteer).applyForMembership(organization, new Application().message("请批准"));
		List<RequestView> pending = new MembershipsApi(staff).listMembershipRequests(organization, "PENDING");
		check("one request", pending.size() == 1);
		new MembershipsApi(staff).approveMembershipRequest(UUID.fromString(pending.get(0).getId()));

		OffsetDateTime start = OffsetDateTime.parse("2026-12-01T09:00:00+08:00");
		ActivityView activity = new ActivitiesApi(staff).publishActivity(organization,
				new NewActivity().title("客户端活动")
					.startAt(start)
					.endAt(start.plusHours(2))
					.geofence(new GeofenceJson().type("CIRCLE")
						.center(new LatLng().lat(30.4745).lng(114.3876))
						.radiusMeters(200.0))
					.coordinateSystem(NewActivity.CoordinateSystemEnum.WGS84)
					.membersOnly(true));

		// Check in at 9:05 and out at 10:35 from the same phone: 90 minutes.
		DevToolsApi clock = new DevToolsApi(anonymous);
		clock.setDevClock(new FixClock().now(start.plusMinutes(5).toString()));
		String device = "client-" + UUID.randomUUID();
		CheckedIn in = new CheckInApi(volunteer).checkIn(new CheckInBody().checkInCode(activity.getCheckInCode())
			.location(new Location().lat(30.4745).lng(114.3876).accuracyMeters(10.0))
			.coordinateSystem(CheckInBody.CoordinateSystemEnum.WGS84)
			.agreementAccepted(true)
			.agreementVersion("2026-01")
			.method(CheckInBody.MethodEnum.QUICK), device);
		clock.setDevClock(new FixClock().now(start.plusMinutes(95).toString()));
		new CheckInApi(volunteer).checkOut(UUID.fromString(in.getSessionId()),
				new CheckOutBody().location(new Location().lat(30.4745).lng(114.3876).accuracyMeters(10.0))
					.coordinateSystem(CheckOutBody.CoordinateSystemEnum.WGS84),
				device);

		// The ledger credits the session from its event: wait for it, at most 10 s.
		long credit = 0;
		for (int i = 0; i < 100 && credit == 0; i++) {
			credit = new HoursApi(volunteer).myHours().getCreditMinutes();
			if (credit == 0) {
				Thread.sleep(100);
			}
		}
		check("90 credit minutes, got " + credit, credit == 90);
		clock.releaseDevClock();
		System.out.println("SCENARIO PASSED: registered, signed in, joined, checked in and out, " + credit
				+ " credit minutes");
	}

	private static ApiClient client(String base, String token) {
		ApiClient client = new ApiClient();
		client.updateBaseUri(base);
		if (token != null) {
			client.setRequestInterceptor((request) -> request.header("Authorization", "Bearer " + token));
		}
		return client;
	}

	private static void check(String what, boolean holds) {
		if (!holds) {
			throw new IllegalStateException("Scenario step failed: " + what);
		}
	}

	/** A valid GB 11643 number: a Wuhan birth place, a 1990s birthday, the check digit. */
	private static String idNumber() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		String body = "420111" + (1990 + random.nextInt(10)) + String.format("%02d%02d", 1 + random.nextInt(12),
				1 + random.nextInt(28)) + String.format("%03d", random.nextInt(1000));
		int[] weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += (body.charAt(i) - '0') * weights[i];
		}
		return body + "10X98765432".charAt(sum % 11);
	}

}
