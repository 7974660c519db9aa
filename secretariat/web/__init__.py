"""What several websites share (forms, their partials' conventions); kept small."""
