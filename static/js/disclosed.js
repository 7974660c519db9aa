// A folded choice (templates/forms/_disclosed_choices.html) names the option just checked in
// its summary, before the form is sent (walk 27: it still said "Any stage" beside the checked
// stage). Without this script the summary names the choice the page was sent with.
document.querySelectorAll("details.disclosed-choices").forEach((details) => {
  const chosen = details.querySelector(".disclosed-choices__chosen");
  details.addEventListener("change", (event) => {
    const label = details.querySelector(`label[for="${event.target.id}"]`);
    if (chosen && label) {
      chosen.textContent = label.textContent;
    }
  });
});
