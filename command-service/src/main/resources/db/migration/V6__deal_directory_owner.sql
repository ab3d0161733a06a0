-- Which teams an owner owns deals in: how the command side tells whether the owner of a reported activity
-- works in a manager's team (see ActivityAccessPolicy).
CREATE INDEX deal_directory_owner_team ON deal_directory (owner_id, team_id);
