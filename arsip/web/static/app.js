// The only script: filters apply as soon as they change; the page works without it.
document.addEventListener("change", (event) => {
  if (event.target.matches("[data-autosubmit]")) event.target.form.submit();
});
