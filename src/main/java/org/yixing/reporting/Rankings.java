package org.yixing.reporting;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.yixing.hours.HoursDirectory;
import org.yixing.identity.AccountDirectory;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.organization.OrganizationId;
import org.yixing.shared.DomainException;
import org.yixing.shared.web.Spreadsheets;

/**
 * Rankings over an organization and everything below it (RULES §10), for its admins: by
 * credit minutes, then honor minutes, then the earlier last credited session. The default
 * range is this year so far.
 */
@Service
class Rankings {

	static final int MAX_LIMIT = 1000;

	private final OrganizationDirectory organizations;

	private final HoursDirectory hours;

	private final AccountDirectory accounts;

	private final Ranges ranges;

	Rankings(OrganizationDirectory organizations, HoursDirectory hours, AccountDirectory accounts, Ranges ranges) {
		this.organizations = organizations;
		this.hours = hours;
		this.accounts = accounts;
		this.ranges = ranges;
	}

	List<Ranked> of(AuthenticatedAccount caller, OrganizationId organization, @Nullable LocalDate from,
			@Nullable LocalDate to, @Nullable Integer limit) {
		this.organizations.administeredBy(caller, organization);
		Ranges.Range range = this.ranges.of(from, to);
		int size = (limit != null) ? limit : 100;
		if (size < 1 || size > MAX_LIMIT) {
			throw DomainException.invalidField("limit", "reporting.limit.invalid");
		}
		List<HoursDirectory.Standing> standings = this.hours.standings(this.organizations.subtreeIds(organization),
				range.from(), range.to(), size);
		Map<UUID, AccountDirectory.AccountSummary> people = this.accounts
			.findAllByUuid(standings.stream().map(HoursDirectory.Standing::accountId).toList());
		return standings.stream().map((s) -> {
			AccountDirectory.AccountSummary person = people.get(s.accountId());
			return new Ranked(s.rank(), s.accountId().toString(), (person != null) ? person.realName() : "",
					(person != null) ? person.idNumberMasked() : "", s.creditMinutes(), s.honorMinutes(),
					s.activities(), s.lastActivityTitle(), s.lastActivityDate());
		}).toList();
	}

	/** The ranking as a spreadsheet with hours as well as minutes. */
	byte[] spreadsheet(List<Ranked> ranked, boolean top) {
		return Spreadsheets.xlsx((workbook) -> {
			List<String> headers = top ? List.of("名次", "姓名", "身份证号", "信用时数（小时）", "荣誉时数（小时）", "参加活动数", "最近活动", "最近活动日期")
					: List.of("名次", "姓名", "身份证号", "信用时数（小时）", "荣誉时数（小时）", "信用分钟", "荣誉分钟");
			Sheet sheet = Spreadsheets.sheet(workbook, top ? "优秀志愿者" : "排行", headers);
			int r = 1;
			for (Ranked one : ranked) {
				Row row = sheet.createRow(r++);
				row.createCell(0).setCellValue(one.rank());
				row.createCell(1).setCellValue(one.realName());
				row.createCell(2).setCellValue(one.idNumberMasked());
				row.createCell(3).setCellValue(one.creditMinutes() / 60.0);
				row.createCell(4).setCellValue(one.honorMinutes() / 60.0);
				if (top) {
					row.createCell(5).setCellValue(one.activityCount());
					row.createCell(6).setCellValue((one.lastActivity() != null) ? one.lastActivity() : "");
					row.createCell(7)
						.setCellValue((one.lastActivityDate() != null) ? one.lastActivityDate().toString() : "");
				}
				else {
					row.createCell(5).setCellValue(one.creditMinutes());
					row.createCell(6).setCellValue(one.honorMinutes());
				}
			}
		});
	}

	/**
	 * One volunteer's place (docs/API.md), with the top list's activity count and latest
	 * activity.
	 */
	record Ranked(int rank, String accountId, String realName, String idNumberMasked, long creditMinutes,
			long honorMinutes, int activityCount, @Nullable String lastActivity, @Nullable LocalDate lastActivityDate) {
	}

}
