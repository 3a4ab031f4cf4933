"""PlanBot's domain: plan documents turned into a searchable knowledge base (never imports telegram)."""
