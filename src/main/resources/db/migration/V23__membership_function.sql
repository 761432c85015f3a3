-- RULES §5's membership rule in one place for SQL: a members-only activity admits members
-- of its organization or of any organization below it. The organization module owns it
-- (Memberships.isMemberOfOrBelow calls it); check-in asks it inside the statement that
-- reads the volunteer's open session, saving a round trip at the 8:00 rush (issue 25).
-- PL/pgSQL keeps the query's plan for the session (a SQL function with a sub-select
-- would be planned at every call).
CREATE FUNCTION is_member_of_or_below(account uuid, organization uuid) RETURNS boolean
  LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM memberships m
    JOIN organization_tree t ON t.descendant_id = m.organization_id AND t.ancestor_id = organization
    WHERE m.account_id = account);
END
$$;
