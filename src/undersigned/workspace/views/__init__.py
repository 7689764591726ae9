"""The organiser workspace, one module per resource. Every view finds the person's
membership first (access.membership raises 404 outside their organisation or role), then
the letter inside that organisation only."""
