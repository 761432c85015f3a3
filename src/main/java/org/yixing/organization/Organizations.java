package org.yixing.organization;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.yixing.shared.AdvisoryLock;

/** The organizations table and its closure table {@code organization_tree}. */
@Repository
class Organizations {

	private static final String COLUMNS = """
			o.id, o.parent_id, o.name, o.region_code, o.visibility, o.description, o.contact, o.created_at,
			o.archived_at""";

	private final JdbcClient jdbc;

	Organizations(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Organization organization, @Nullable UUID createdBy) {
		// shared: creations do not wait for each other; a move waits for them all, so the
		// closure table never sees a half move
		AdvisoryLock.ORGANIZATION_TREE.takeShared(this.jdbc);
		this.jdbc.sql("""
				INSERT INTO organizations (id, parent_id, name, region_code, visibility, description, contact,
				  created_by, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(organization.id().value(), uuid(organization.parentId()), organization.name(),
					organization.regionCode(), organization.visibility().name(), organization.description(),
					organization.contact(), createdBy, Timestamp.from(organization.createdAt()),
					Timestamp.from(organization.createdAt()))
			.update();
		this.jdbc.sql("""
				INSERT INTO organization_tree (ancestor_id, descendant_id, depth)
				SELECT ancestor_id, ?, depth + 1 FROM organization_tree WHERE descendant_id = ?
				UNION ALL SELECT ?, ?, 0""")
			.params(organization.id().value(), uuid(organization.parentId()), organization.id().value(),
					organization.id().value())
			.update();
	}

	/** Names of these organizations by id, in one query. */
	java.util.Map<UUID, String> namesOf(java.util.Collection<UUID> ids) {
		java.util.Map<UUID, String> names = new java.util.HashMap<>();
		if (!ids.isEmpty()) {
			this.jdbc.sql("SELECT id, name FROM organizations WHERE id = ANY (?)")
				.param(ids.stream().distinct().toArray(UUID[]::new))
				.query((rs, n) -> names.put(rs.getObject("id", UUID.class), rs.getString("name")))
				.list();
		}
		return names;
	}

	Optional<Organization> find(OrganizationId id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM organizations o WHERE o.id = ?")
			.param(id.value())
			.query(Organizations::map)
			.optional();
	}

	Optional<Organization> lock(OrganizationId id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM organizations o WHERE o.id = ? FOR UPDATE")
			.param(id.value())
			.query(Organizations::map)
			.optional();
	}

	/**
	 * The organization, its row locked against other writers but not against memberships
	 * and activities, whose foreign keys take {@code KEY SHARE}.
	 */
	Optional<Organization> lockBesideMembers(OrganizationId id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM organizations o WHERE o.id = ? FOR NO KEY UPDATE")
			.param(id.value())
			.query(Organizations::map)
			.optional();
	}

	void update(Organization organization, Instant now) {
		this.jdbc.sql("""
				UPDATE organizations SET name = ?, region_code = ?, visibility = ?, description = ?, contact = ?,
				  updated_at = ? WHERE id = ?""")
			.params(organization.name(), organization.regionCode(), organization.visibility().name(),
					organization.description(), organization.contact(), Timestamp.from(now), organization.id().value())
			.update();
	}

	void archive(OrganizationId id, Instant now) {
		this.jdbc.sql("UPDATE organizations SET archived_at = ?, updated_at = ? WHERE id = ? AND archived_at IS NULL")
			.params(Timestamp.from(now), Timestamp.from(now), id.value())
			.update();
	}

	/** The ids of {@code root} and of every organization below it. */
	List<UUID> subtreeIds(OrganizationId root) {
		return this.jdbc.sql("SELECT descendant_id FROM organization_tree WHERE ancestor_id = ?")
			.param(root.value())
			.query(UUID.class)
			.list();
	}

	/** Whether {@code candidate} is {@code root} or lies below it. */
	boolean inSubtree(OrganizationId root, OrganizationId candidate) {
		return this.jdbc
			.sql("SELECT EXISTS (SELECT 1 FROM organization_tree WHERE ancestor_id = ? AND descendant_id = ?)")
			.params(root.value(), candidate.value())
			.query(Boolean.class)
			.single();
	}

	/** Re-hangs the subtree of {@code id} below {@code newParent} (null: top level). */
	void move(OrganizationId id, @Nullable OrganizationId newParent, Instant now) {
		AdvisoryLock.ORGANIZATION_TREE.take(this.jdbc);
		this.jdbc.sql("""
				DELETE FROM organization_tree
				WHERE descendant_id IN (SELECT descendant_id FROM organization_tree WHERE ancestor_id = ?)
				  AND ancestor_id NOT IN (SELECT descendant_id FROM organization_tree WHERE ancestor_id = ?)""")
			.params(id.value(), id.value())
			.update();
		if (newParent != null) {
			this.jdbc.sql("""
					INSERT INTO organization_tree (ancestor_id, descendant_id, depth)
					SELECT above.ancestor_id, below.descendant_id, above.depth + below.depth + 1
					FROM organization_tree above CROSS JOIN organization_tree below
					WHERE above.descendant_id = ? AND below.ancestor_id = ?""")
				.params(newParent.value(), id.value())
				.update();
		}
		this.jdbc.sql("UPDATE organizations SET parent_id = ?, updated_at = ? WHERE id = ?")
			.params(uuid(newParent), Timestamp.from(now), id.value())
			.update();
	}

	/** From the top down to the organization itself. */
	List<Organization> path(OrganizationId id) {
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM organization_tree t JOIN organizations o ON o.id = t.ancestor_id
				WHERE t.descendant_id = ? ORDER BY t.depth DESC""").param(id.value()).query(Organizations::map).list();
	}

	/**
	 * The organizations at and below these roots, not archived, by name (at most 500).
	 */
	List<Organization> subtreesOf(List<OrganizationId> roots) {
		if (roots.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("SELECT DISTINCT " + COLUMNS + """
				 FROM organization_tree t JOIN organizations o ON o.id = t.descendant_id
				WHERE t.ancestor_id = ANY (?) AND o.archived_at IS NULL ORDER BY o.name LIMIT 500""")
			.param(roots.stream().map(OrganizationId::value).toArray(UUID[]::new))
			.query(Organizations::map)
			.list();
	}

	long count() {
		return this.jdbc.sql("SELECT count(*) FROM organizations WHERE archived_at IS NULL").query(Long.class).single();
	}

	List<Organization> topLevel() {
		return this.jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM organizations o WHERE o.parent_id IS NULL AND o.archived_at IS NULL ORDER BY o.name")
			.query(Organizations::map)
			.list();
	}

	/** See {@link OrganizationDirectory#childSubtrees}. */
	Map<UUID, List<UUID>> childSubtrees(OrganizationId id) {
		Map<UUID, List<UUID>> subtrees = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT c.id AS child, t.descendant_id FROM organizations c
				  JOIN organization_tree t ON t.ancestor_id = c.id
				WHERE c.parent_id = ? AND c.archived_at IS NULL ORDER BY c.name, t.depth""")
			.param(id.value())
			.query((rs, n) -> subtrees.computeIfAbsent(rs.getObject("child", UUID.class), (k) -> new ArrayList<>())
				.add(rs.getObject("descendant_id", UUID.class)))
			.list();
		return subtrees;
	}

	List<Organization> children(OrganizationId id) {
		return this.jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM organizations o WHERE o.parent_id = ? AND o.archived_at IS NULL ORDER BY o.name")
			.param(id.value())
			.query(Organizations::map)
			.list();
	}

	/**
	 * Listed, not archived organizations in a region (by code prefix) whose name contains
	 * {@code keyword}; exact names first, then names starting with it, then by name.
	 */
	Page search(@Nullable String regionPrefix, @Nullable String keyword, int page, int size) {
		String like = (keyword != null) ? "%" + escapeLike(keyword.toLowerCase()) + "%" : null;
		List<Row> rows = this.jdbc.sql("""
				SELECT o.id, o.parent_id, o.name, o.region_code, o.visibility, o.description, o.contact, o.created_at,
				  o.archived_at, count(*) OVER () AS total
				FROM organizations o
				WHERE o.visibility = 'LISTED' AND o.archived_at IS NULL
				  AND (CAST(:prefix AS text) IS NULL OR o.region_code LIKE :prefix || '%')
				  AND (CAST(:like AS text) IS NULL OR lower(o.name) LIKE :like)
				ORDER BY CASE WHEN CAST(:keyword AS text) IS NULL THEN 0
				              WHEN lower(o.name) = :keyword THEN 0
				              WHEN starts_with(lower(o.name), :keyword) THEN 1 ELSE 2 END,
				         o.name, o.id
				LIMIT :size OFFSET :offset""")
			.param("prefix", regionPrefix)
			.param("like", like)
			.param("keyword", (keyword != null) ? keyword.toLowerCase() : null)
			.param("size", size)
			.param("offset", (long) page * size)
			.query((rs, n) -> new Row(map(rs, n), rs.getLong("total")))
			.list();
		long total = rows.isEmpty() ? countSearch(regionPrefix, like) : rows.get(0).total();
		return new Page(rows.stream().map(Row::organization).toList(), total, page, size);
	}

	private long countSearch(@Nullable String regionPrefix, @Nullable String like) {
		return this.jdbc.sql("""
				SELECT count(*) FROM organizations o WHERE o.visibility = 'LISTED' AND o.archived_at IS NULL
				  AND (CAST(:prefix AS text) IS NULL OR o.region_code LIKE :prefix || '%')
				  AND (CAST(:like AS text) IS NULL OR lower(o.name) LIKE :like)""")
			.param("prefix", regionPrefix)
			.param("like", like)
			.query(Long.class)
			.single();
	}

	private static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	static Organization map(ResultSet rs, int row) throws SQLException {
		UUID parent = rs.getObject("parent_id", UUID.class);
		Timestamp archived = rs.getTimestamp("archived_at");
		return new Organization(new OrganizationId(rs.getObject("id", UUID.class)),
				(parent != null) ? new OrganizationId(parent) : null, rs.getString("name"), rs.getString("region_code"),
				Visibility.valueOf(rs.getString("visibility")), rs.getString("description"), rs.getString("contact"),
				rs.getTimestamp("created_at").toInstant(), (archived != null) ? archived.toInstant() : null);
	}

	private static @Nullable UUID uuid(@Nullable OrganizationId id) {
		return (id != null) ? id.value() : null;
	}

	/** One page of results, with the page number and size actually used. */
	record Page(List<Organization> items, long total, int page, int size) {
	}

	private record Row(Organization organization, long total) {
	}

}
