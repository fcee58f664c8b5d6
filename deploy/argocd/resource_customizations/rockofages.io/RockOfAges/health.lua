-- Health of a rockofages.io/RockOfAges for Argo CD, from the status the operator writes (kstatus
-- conventions): Progressing until the operator has seen the current generation and while it is
-- reconciling or deleting; Degraded when Stalled=True, or when AWS differs from the spec of a
-- stack under managementPolicy Observe (nobody will fix it); Healthy only when Ready=True for the
-- current generation; Suspended while paused (Paused=True), deleting or not. A SecurityAdvisory
-- alone does not make a stack unhealthy.
local hs = {}

local function condition(conditions, type)
  if conditions == nil then
    return nil
  end
  for _, c in ipairs(conditions) do
    if c.type == type then
      return c
    end
  end
  return nil
end

local status = obj.status
local generation = obj.metadata.generation
local conditions = status ~= nil and status.conditions or nil
local ready = condition(conditions, "Ready")

local paused = condition(conditions, "Paused")
if paused ~= nil and paused.status == "True" then
  hs.status = "Suspended"
  hs.message = paused.message
  return hs
end

if obj.metadata.deletionTimestamp ~= nil then
  hs.status = "Progressing"
  if ready ~= nil and ready.message ~= nil then
    hs.message = "Deleting: " .. ready.message
  else
    hs.message = "Deleting: waiting for the operator"
  end
  return hs
end

if status == nil or status.observedGeneration == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to see the stack"
  return hs
end

if generation ~= nil and status.observedGeneration ~= generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to see generation " .. generation
  return hs
end

local stalled = condition(conditions, "Stalled")
if stalled ~= nil and stalled.status == "True" then
  hs.status = "Degraded"
  hs.message = stalled.message
  return hs
end

if ready ~= nil and ready.status == "False" and ready.reason == "ObserveOnly" then
  hs.status = "Degraded"
  hs.message = ready.message
  return hs
end

if ready ~= nil and ready.status == "True" and (ready.observedGeneration == nil or ready.observedGeneration == generation) then
  hs.status = "Healthy"
  local advisory = condition(conditions, "SecurityAdvisory")
  if advisory ~= nil and advisory.status == "True" then
    hs.message = "Ready; security advisory: " .. advisory.message
  else
    hs.message = ready.message
  end
  return hs
end

local reconciling = condition(conditions, "Reconciling")
hs.status = "Progressing"
if reconciling ~= nil and reconciling.status == "True" then
  hs.message = reconciling.message
elseif ready ~= nil then
  hs.message = ready.message
else
  hs.message = "Waiting for the operator"
end
return hs
